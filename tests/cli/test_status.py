"""`python -m lib status`: the same statuses as explain_statuses (the dashboard's), as CSV or JSON."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from lib import config
from lib.__main__ import main
from lib.cli.status import CLI_COLUMNS, run_status, status_table
from lib.presentation.explain import explain_statuses

INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["A1-G02-1", "A1-G03-1", "A2-G01-1"],
        "area_id": ["A1", "A1", "A2"],
        "goal_id": ["A1-G02", "A1-G03", "A2-G01"],
        "name": ["孕产妇死亡率", "筛查率", "思想政治教育"],
        "unit": ["1/10万", "%", None],
        "kind": ["target", "target", "qualitative"],
        "op": ["<=", ">=", None],
        "target": [8.2, 85.0, None],
    }
)
OBSERVATIONS = pd.DataFrame(
    {
        "indicator_id": ["A1-G02-1"] * 3 + ["A1-G03-1"] * 4,
        "year": [2020, 2021, 2022, 2020, 2021, 2022, 2023],
        "subgroup": [None] * 5 + ["农村", None],
        "value": [43.5, 0.0, 0.0, 70.0, 72.0, 60.0, 76.0],
        "source": ["区卫生健康局"] * 7,
        "is_sample": [True] * 7,
    }
)
ASSESSMENTS = pd.DataFrame(
    {
        "indicator_id": ["A2-G01-1"],
        "year": [2023],
        "rating": [config.RATING_SLOW],
        "narrative": ["示例"],
        "department": ["区妇联"],
        "is_sample": [True],
    }
)


def data_dir(folder: Path, observations: pd.DataFrame = OBSERVATIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    INDICATORS.to_parquet(folder / config.INDICATORS, index=False)
    observations.to_parquet(folder / config.OBSERVATIONS, index=False)
    ASSESSMENTS.to_parquet(folder / config.ASSESSMENTS, index=False)
    return folder


def run(year: int, folder: Path, fmt: str = "csv") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_status(year, folder, fmt, out, err)
    return code, out.getvalue(), err.getvalue()


def expected(year: int) -> pd.DataFrame:
    return status_table(explain_statuses(INDICATORS, OBSERVATIONS, ASSESSMENTS, year))


def test_run_status_csv_agrees_with_explain_statuses(tmp_path):
    code, out, _ = run(2023, data_dir(tmp_path))
    printed = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert code == 0 and list(printed.columns) == CLI_COLUMNS
    assert printed["status"].tolist() == expected(2023)["status"].tolist()
    assert printed["indicator_id"].tolist() == ["A1-G02-1", "A1-G03-1", "A1-G03-1", "A2-G01-1"]


def test_run_status_csv_warnings_and_reason(tmp_path):
    _, out, _ = run(2023, data_dir(tmp_path))
    mmr = pd.read_csv(io.StringIO(out), keep_default_na=False).iloc[0]
    assert mmr["warnings"] == config.WARN_MISSING
    assert mmr["reason"] == "2023年未收到区卫生健康局报送的数据，最近一次为2022年"


def test_run_status_json_lists_warnings(tmp_path):
    code, out, _ = run(2023, data_dir(tmp_path), "json")
    rows = json.loads(out)
    assert code == 0 and [r["status"] for r in rows] == expected(2023)["status"].tolist()
    assert rows[0]["warnings"] == [config.WARN_MISSING] and rows[0]["ratio"] is None
    assert rows[1]["ratio"] == round(expected(2023)["ratio"].iloc[1], 3)
    assert rows[1]["progress"].startswith("实际进度为所需进度的") and rows[1]["latest_year"] == 2023


def test_run_status_notes_sample_data_on_stderr(tmp_path):
    _, _, err = run(2023, data_dir(tmp_path))
    assert config.SAMPLE_LABEL in err


def test_run_status_rejects_year_outside_plan(tmp_path):
    code, out, err = run(2019, data_dir(tmp_path))
    assert (code, out) == (2, "") and "评估年度应为 2021—2025" in err


def test_run_status_missing_catalogue(tmp_path):
    code, _, err = run(2023, tmp_path)
    assert code == 2 and "找不到目录表" in err


def test_run_status_bad_observations_names_the_row(tmp_path):
    text = [str(v) for v in OBSERVATIONS["value"]]
    bad = OBSERVATIONS.assign(value=text[:2] + ["缺"] + text[3:])
    code, _, err = run(2023, data_dir(tmp_path, bad))
    assert code == 2 and "第3行 〔value〕" in err


def test_main_dispatches_status(tmp_path, capsys):
    assert main(["status", "--year", "2023", "--data-dir", str(data_dir(tmp_path)), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_cli_subprocess_agrees_with_function(tmp_path):
    folder = data_dir(tmp_path / "data")
    env = {**os.environ, "PYTHONPATH": str(config.ROOT), config.DATA_DIR_ENV: str(folder)}
    done = subprocess.run(
        [sys.executable, "-m", "lib", "status", "--year", "2025"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    printed = pd.read_csv(io.StringIO(done.stdout), keep_default_na=False)
    assert printed["status"].tolist() == expected(2025)["status"].tolist()


def test_run_status_final_year_uses_final_words_and_carries_the_year(tmp_path):
    _, out, _ = run(2025, data_dir(tmp_path))
    printed = pd.read_csv(io.StringIO(out), keep_default_na=False)
    screening = printed.iloc[1]  # 70 → 76 (2023) against ≥85: 6 of 15 points, 40 %
    assert (screening["status"], screening["latest_year"]) == (config.STATUS_NOT_MET, 2023)
    assert screening["progress"] == "完成所需进度的40%"
    assert screening["explanation"].startswith("2025年数据未报，按2023年值评估。")
    assert not printed["status"].isin(config.IN_PROGRESS_STATUSES).any()
    assert config.WARN_MISS not in "".join(printed["warnings"])


def test_cli_and_dashboard_statuses_agree_on_the_shipped_layout(data_dir):
    """The status command and the overview read the same engine: same statuses, same 达标率 inputs."""
    from lib.contract.tables import load_assessments, load_catalogue_table, load_observations
    from lib.engine.rollup import compute_rollup

    out, err = io.StringIO(), io.StringIO()
    assert run_status(2025, data_dir, "csv", out, err) == 0
    printed = pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False)
    indicators = load_catalogue_table(config.INDICATORS, data_dir)
    statuses = explain_statuses(indicators, load_observations(data_dir), load_assessments(data_dir), 2025)
    assert printed["status"].tolist() == statuses["status"].tolist()
    totals = printed[printed["subgroup"] == ""]
    with_data = totals[
        totals["indicator_id"].isin(indicators.loc[indicators["kind"] == "target", "indicator_id"])
        & (totals["status"] != config.STATUS_NO_DATA)
    ]
    rollup = compute_rollup(statuses, indicators, load_catalogue_table(config.GOALS, data_dir), "overall").iloc[0]
    assert (with_data["status"] == config.STATUS_MET).sum() / len(with_data) == rollup["achievement_rate"]
