"""One place for paths, table names, status labels, thresholds and the status palette.

Every threshold of the progress method (../shared/guide/METHOD.md) lives here, so that
the dashboard, the command line and the reports judge alike.
"""
from __future__ import annotations

import os
from pathlib import Path

# ---------------------------------------------------------------- paths
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
DATA_DIR_ENV = "BOSHAN_DATA_DIR"  # environment variable overriding the data directory
PLAN_FILE = "plan.txt"  # the plan text, source of the catalogue, inside the data dir

REGION = "博山区"
PLAN_TITLE = "博山区“十四五”妇女发展规划（2021—2025年）"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data directory: an explicit path, else $BOSHAN_DATA_DIR, else data/ in the repo."""
    if path:
        return Path(path)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR


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
NUMERIC_STATUSES = (
    STATUS_MET, STATUS_ON_TRACK, STATUS_ACCELERATE, STATUS_LIMITED, STATUS_REGRESS, STATUS_NO_DATA,
)
# ratings of qualitative goals, given each year by the lead department
RATING_DONE = "已完成"
RATING_GOOD = "进展顺利"
RATING_SLOW = "进展缓慢"
RATING_NOT_STARTED = "未开展"
RATINGS = (RATING_DONE, RATING_GOOD, RATING_SLOW, RATING_NOT_STARTED)
ALL_STATUSES = NUMERIC_STATUSES + RATINGS
# statuses a leader must look at
ATTENTION_STATUSES = (STATUS_ACCELERATE, STATUS_LIMITED, STATUS_REGRESS, RATING_SLOW, RATING_NOT_STARTED)

# ratio R of actual to required progress
R_ON_TRACK = 0.95
R_ACCELERATE = 0.6
R_LIMITED = 0.0
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
OVERALL_LABEL = "全区"  # the single group of the overall roll-up
NO_DEPARTMENT_LABEL = "未列单位"  # roll-up group of indicators whose goal names no such department
WORST_LIMIT = 5  # indicators listed as a group's worst
ROLLUP_BYS = ("area", "lead", "responsible", "overall")
SAMPLE_SEED = 20211
SAMPLE_YEARS = tuple(range(BASE_YEAR, TARGET_YEAR + 1))
SAMPLE_RATING_YEARS = ASSESSMENT_YEARS
REFERENCE_CSV = "national-reference.csv"  # published comparison values, copied into the data dir
