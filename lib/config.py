"""One place for paths, table names, status labels, thresholds and the status palette.

Every threshold of the progress method (../shared/guide/METHOD.md) lives here, so that
the dashboard, the command line and the reports judge alike.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

# ---------------------------------------------------------------- paths
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
DATA_DIR_ENV = "BOSHAN_DATA_DIR"  # environment variable overriding the data directory
PLAN_FILE = "plan.txt"  # the plan text, source of the catalogue, inside the data dir

REGION = "博山区"
PLAN_TITLE = "博山区“十四五”妇女发展规划（2021—2025年）"


STATE_DIR_ENV = "BOSHAN_STATE_DIR"  # the store, its published tables and the office's texts (default var/)
DEFAULT_STATE_DIR = ROOT / "var"
PUBLISHED_DIR = "published"  # inside the state dir: one folder per published version, CURRENT names the live one
PUBLISHED_POINTER = "CURRENT"
PUBLISHED_SOURCE = "SOURCE"  # inside a version folder: the shipped data directory its catalogue links point to


def source_dir(path: str | os.PathLike | None = None) -> Path:
    """The shipped data directory (catalogue, reference, the sample): a path, else $BOSHAN_DATA_DIR, else data/."""
    if path:
        return Path(path)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


def state_dir(path: str | os.PathLike | None = None) -> Path:
    """The state directory: an explicit path, else $BOSHAN_STATE_DIR, else var/ in the repository (git-ignored)."""
    if path:
        return Path(path)
    env = os.environ.get(STATE_DIR_ENV)
    return Path(env) if env else DEFAULT_STATE_DIR


def published_dir(state: str | os.PathLike | None = None, source: Path | None = None) -> Path | None:
    """The folder of the live published version (lib.store.publish), or None before the store has published one.

    Read in one step from the pointer file, so every table read through it is of one version. A version
    published from another shipped data directory than `source` is not used.
    """
    root = state_dir(state) / PUBLISHED_DIR
    try:
        name = (root / PUBLISHED_POINTER).read_text(encoding="utf-8").strip()
        folder = root / name
        origin = (folder / PUBLISHED_SOURCE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return folder if name and origin == _resolved(str(source or source_dir())) else None


@functools.lru_cache(maxsize=16)
def _resolved(path: str) -> str:
    """A directory's absolute path without links, computed once per path (readers ask on every table read)."""
    return str(Path(path).resolve())


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The directory every reader reads: an explicit path, else the store's live published version, else source_dir.

    A published version holds the tables users change (observations, assessments, accountable.csv) and
    links to the shipped catalogue files, so readers see one consistent version of everything.
    """
    if path:
        return Path(path)
    return published_dir() or source_dir()


# ---------------------------------------------------------------- table files
AREAS = "areas.parquet"
GOALS = "goals.parquet"
MEASURES = "measures.parquet"
DEPARTMENTS = "departments.parquet"
INDICATORS = "indicators.parquet"
OBSERVATIONS = "observations.parquet"
ASSESSMENTS = "assessments.parquet"
REFERENCE = "reference.parquet"
CATALOGUE_TABLES = (AREAS, GOALS, MEASURES, DEPARTMENTS, INDICATORS)

# ---------------------------------------------------------------- plan period
BASE_YEAR = 2020  # last year of the previous plan
TARGET_YEAR = 2025
FIRST_YEAR = 2021
MIDTERM_YEAR = 2023
FINAL_YEAR = 2025
ASSESSMENT_YEARS = tuple(range(FIRST_YEAR, TARGET_YEAR + 1))

# ---------------------------------------------------------------- indicator kinds and comparators
KIND_TARGET = "target"
KIND_DIRECTION = "direction"
KIND_QUALITATIVE = "qualitative"
LOWER_IS_BETTER_OPS = ("<=", "<", "down")
HIGHER_IS_BETTER_OPS = (">=", ">", "up")
BAND_OP = "≈"

# ---------------------------------------------------------------- statuses (METHOD.md)
STATUS_MET = "已达标"
STATUS_ON_TRACK = "按期可达"
STATUS_ACCELERATE = "需加快"
STATUS_LIMITED = "进展有限"
STATUS_REGRESS = "倒退"
STATUS_NO_DATA = "数据不足"
# the final evaluation (Y = TARGET_YEAR): numeric targets and direction-only goals
STATUS_NEARLY_MET = "基本达标"
STATUS_NOT_MET = "未达标"
STATUS_ACHIEVED = "已实现"
STATUS_NOT_ACHIEVED = "未实现"
# statuses only an unfinished plan has (never shown for the target year)
IN_PROGRESS_STATUSES = (STATUS_ON_TRACK, STATUS_ACCELERATE, STATUS_LIMITED)
FINAL_TARGET_STATUSES = (STATUS_MET, STATUS_NEARLY_MET, STATUS_NOT_MET, STATUS_REGRESS, STATUS_NO_DATA)
FINAL_DIRECTION_STATUSES = (STATUS_ACHIEVED, STATUS_NOT_ACHIEVED)
NUMERIC_STATUSES = (
    STATUS_MET,
    STATUS_NEARLY_MET,
    STATUS_ON_TRACK,
    STATUS_ACCELERATE,
    STATUS_LIMITED,
    STATUS_NOT_MET,
    STATUS_REGRESS,
    STATUS_ACHIEVED,
    STATUS_NOT_ACHIEVED,
    STATUS_NO_DATA,
)
# ratings of qualitative goals, given each year by the lead department
RATING_DONE = "已完成"
RATING_GOOD = "进展顺利"
RATING_SLOW = "进展缓慢"
RATING_NOT_STARTED = "未开展"
RATINGS = (RATING_DONE, RATING_GOOD, RATING_SLOW, RATING_NOT_STARTED)
ALL_STATUSES = NUMERIC_STATUSES + RATINGS
# the one order of every status, most severe first: worst lists, goal summaries, legends
STATUS_ORDER = (
    STATUS_REGRESS,
    STATUS_NOT_MET,
    STATUS_NOT_ACHIEVED,
    STATUS_LIMITED,
    RATING_NOT_STARTED,
    STATUS_ACCELERATE,
    RATING_SLOW,
    STATUS_NO_DATA,
    STATUS_NEARLY_MET,
    STATUS_ON_TRACK,
    RATING_GOOD,
    STATUS_MET,
    STATUS_ACHIEVED,
    RATING_DONE,
)
# statuses a leader must look at
ATTENTION_STATUSES = (
    STATUS_ACCELERATE,
    STATUS_LIMITED,
    STATUS_NOT_MET,
    STATUS_NOT_ACHIEVED,
    STATUS_REGRESS,
    RATING_SLOW,
    RATING_NOT_STARTED,
)


def is_final_year(year: int) -> bool:
    """Whether the assessment year is the plan's target year, judged by the final-evaluation rules."""
    return int(year) == TARGET_YEAR


def statuses_for_year(year: int | None = None) -> tuple[str, ...]:
    """Statuses an assessment year can show, most severe first (all of them without a year)."""
    if year is None:
        return STATUS_ORDER
    excluded = (
        IN_PROGRESS_STATUSES if is_final_year(year) else (STATUS_NEARLY_MET, STATUS_NOT_MET, *FINAL_DIRECTION_STATUSES)
    )
    return tuple(s for s in STATUS_ORDER if s not in excluded)


def statuses_for(kind: str, year: int) -> tuple[str, ...]:
    """The statuses one kind of indicator can take in a year, best first, 数据不足 last (overview tiles)."""
    if kind == KIND_QUALITATIVE:
        return (*RATINGS, STATUS_NO_DATA)
    if is_final_year(year):
        return FINAL_TARGET_STATUSES if kind == KIND_TARGET else (*FINAL_DIRECTION_STATUSES, STATUS_NO_DATA)
    progress = (*IN_PROGRESS_STATUSES, STATUS_REGRESS, STATUS_NO_DATA)
    return (STATUS_MET, *progress) if kind == KIND_TARGET else progress


# ratio R of actual to required progress
R_ON_TRACK = 0.95
R_ACCELERATE = 0.6
R_LIMITED = 0.0
# final evaluation: share p of the required change achieved since the base year
FINAL_NEARLY_MET = 0.9  # p >= 0.9 基本达标; 0 <= p < 0.9 未达标; p < 0 倒退
FINAL_NOT_MET = 0.0
DIRECTION_MAX_DECIMALS = 4  # direction goals: a change counts when it shows at the reported precision
# direction-only indicators: annual growth rate (CAGR) in the desired direction
DIRECTION_ON_TRACK = 0.015
DIRECTION_ACCELERATE = 0.005
DIRECTION_LIMITED = 0.0
DIRECTION_SATURATED_PERCENT = 99.0  # a percentage at or above this that holds its level is on track
# band targets ("左右"): half-width of the band
BAND_TOLERANCE_PERCENT_POINTS = 2.0
BAND_TOLERANCE_RELATIVE = 0.05  # for units other than percent: ±5 % of the target

# ---------------------------------------------------------------- early warnings (预警)
WARN_MISS = "预计难以达标"
WARN_FLUCTUATION = "波动较大"
WARN_MISSING = "数据缺报"
WARNINGS = (WARN_MISS, WARN_FLUCTUATION, WARN_MISSING)
PROJECTION_WINDOW = 5  # values used for the average annual change
MISS_RED_SHARE = 0.20  # projected miss above 20 % of the remaining gap: red
MISS_YELLOW_SHARE = 0.05  # from 5 %: yellow
FLUCTUATION_MEDIAN_FACTOR = 2.0
FLUCTUATION_MIN_EARLIER_CHANGES = 3
FLUCTUATION_RELATIVE = 0.10
SEVERITY_RED = "红色"
SEVERITY_YELLOW = "黄色"

# ---------------------------------------------------------------- data status and labels
DATA_STATUS_PRELIMINARY = "初步"
DATA_STATUS_FINAL = "正式"
SAMPLE_LABEL = "示例数据（非官方统计）"
SAMPLE_NOTE = "本页含示例数据：由脚本按固定随机种子生成，仅用于演示功能，不是官方统计数字。"

# ---------------------------------------------------------------- one palette for every status
STATUS_COLORS = {
    # numeric targets: green (met / on track) to yellow, orange, red; grey without data
    STATUS_MET: "#1a7f37",
    STATUS_ON_TRACK: "#4c9a2a",
    STATUS_ACCELERATE: "#b07400",
    STATUS_LIMITED: "#e8590c",
    STATUS_REGRESS: "#c92a2a",
    STATUS_NO_DATA: "#868e96",
    # final evaluation: 基本达标 a lighter green than 已达标, 未达标 the orange-red of limited progress;
    # direction goals 已实现 teal, 未实现 a dark rose
    STATUS_NEARLY_MET: "#2f7d62",
    STATUS_NOT_MET: "#d9480f",
    STATUS_ACHIEVED: "#0b7285",
    STATUS_NOT_ACHIEVED: "#a61e4d",
    # qualitative ratings: their own hues, so a stacked bar never shows two statuses alike;
    # every colour carries white badge text with a contrast of at least 3:1
    RATING_DONE: "#1864ab",
    RATING_GOOD: "#1c7ed6",
    RATING_SLOW: "#9c36b5",
    RATING_NOT_STARTED: "#5f3dc4",
}
SEVERITY_COLORS = {SEVERITY_RED: "#c92a2a", SEVERITY_YELLOW: "#f0a202"}

# ---------------------------------------------------------------- chart series colours (dashboard)
SERIES_COLORS = {
    "value": "#1f4e79",  # the district's values
    "target": "#1a7f37",  # target line or band
    "projection": "#495057",  # dashed projection to the target year
    "reference": "#9c36b5",  # national reference
}

# ---------------------------------------------------------------- engine, roll-ups, sample data (issue 3)
BAND_OPS = ("≈", "=")  # "=" is judged as a band around the value, like "左右"
METHOD_CAGR = "cagr"
METHOD_LINEAR = "linear"
METHOD_BAND = "band"
METHOD_DIRECTION = "direction"
METHOD_RATING = "rating"
METHOD_FINAL = "final"  # final evaluation: share of the required change achieved since the base year
OVERALL_LABEL = "全区"  # the single group of the overall roll-up
NO_DEPARTMENT_LABEL = "未列单位"  # roll-up group of indicators whose goal names no such department
WORST_LIMIT = 5  # indicators listed as a group's worst
ROLLUP_BYS = ("area", "lead", "responsible", "overall")
SAMPLE_SEED = 20211
SAMPLE_YEARS = tuple(range(BASE_YEAR, TARGET_YEAR + 1))
SAMPLE_RATING_YEARS = ASSESSMENT_YEARS
REFERENCE_CSV = "national-reference.csv"  # published comparison values, copied into the data dir

# reporting round (issue 10): the 核实性 check — a value that moved more than this against last year needs a 说明
ROUND_UNUSUAL_POINTS = {"%": 10.0, "‰": 10.0, "比例": 0.1}  # rates: a move of more than this many points
ROUND_UNUSUAL_RELATIVE = 0.3  # any other unit: a move of more than 30 % of last year's value
ROUND_MIN_EXPLANATION = 4  # characters of the 说明 at least
