"""The annual reporting round: the office opens a year, departments fill, save and submit, the office reviews.

A round fixes its expected (department, indicator) pairs when it opens, so completeness never exceeds
100 %. Entries are only ever added: a pair's state (草稿 / 已报送 / 已退回 / 已通过) is its newest entry,
every older one stays as history. Reviewers never change a figure: 通过 copies the submitted row into the
official data (数据状态 正式, not sample) as a new version (lib.store.versions.commit); 退回 needs a
comment and sends the row back. After the deadline a department is late but may still submit; only
closing the round stops it. Every action is permission-checked here and written to the audit log.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from lib import config
from lib.contract.tables import DataError, load_catalogue_table
from lib.presentation import formatting as fmt
from lib.presentation.roles import indicator_units
from lib.store import audit, schema, versions
from lib.store.accounts import ROLE_REPORTER, Account, as_utc
from lib.store.db import Store, now
from lib.store.permissions import ROUND_FILL, ROUND_MANAGE, ROUND_REVIEW, PermissionDenied, require

NOT_FILLED, DRAFT, SUBMITTED, RETURNED, ACCEPTED = "未填", "草稿", "已报送", "已退回", "已通过"
STATES = (NOT_FILLED, DRAFT, SUBMITTED, RETURNED, ACCEPTED)
DONE = (SUBMITTED, ACCEPTED)  # a pair counts as reported (报送率) in these states
PASS, RETURN = "通过", "退回"
OPEN_ACTION, CLOSE_ACTION, SAVE_ACTION, SUBMIT_ACTION = "开启年度报送", "关闭年度报送", "保存草稿", "报送"
ACCEPT_ACTION, RETURN_ACTION = "审核通过", "审核退回"
TRACKER_COLUMNS = ["部门", "应报", "未填", "已保存", "已报送", "已退回", "已通过", "逾期", "报送率", "截止日期", "期限"]


class RoundError(DataError):
    """A reporting-round action that cannot be done, in Chinese; nothing was written."""


@dataclass(frozen=True)
class Round:
    year: int
    deadline: date
    opened_by: str
    opened_at: datetime
    closed_by: str | None
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def today() -> date:
    """Today in Beijing (deadlines are Beijing dates)."""
    return now().astimezone(audit.BEIJING).date()


def _beijing_date(at: datetime) -> date:
    return datetime.fromisoformat(audit.beijing(at)).date()


# ---------------------------------------------------------------- rounds and their expected pairs


def _round(row) -> Round:
    return Round(row.year, row.deadline, row.opened_by, as_utc(row.opened_at), row.closed_by, as_utc(row.closed_at))


def get_round(store: Store, year: int) -> Round | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.rounds).where(schema.rounds.c.year == int(year))).first()
    return None if row is None else _round(row)


def list_rounds(store: Store) -> list[Round]:
    """Every round, newest year first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.rounds).order_by(schema.rounds.c.year.desc())).all()
    return [_round(r) for r in rows]


def current_round(store: Store) -> Round | None:
    """The open round of the latest year, else None."""
    return next((r for r in list_rounds(store) if r.is_open), None)


def _catalogue(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    return load_catalogue_table(config.INDICATORS, store.source), load_catalogue_table(config.GOALS, store.source)


def default_expected(store: Store) -> pd.DataFrame:
    """indicator_id, department: the catalogue's (or the office's) lead department of each indicator that has one."""
    indicators, goals = _catalogue(store)
    units = indicator_units(indicators, goals, versions.snapshot(store).accountable)
    rows = [(i, lead[0]) for i, lead in zip(units["indicator_id"], units["lead_units"]) if lead]
    return pd.DataFrame(rows, columns=["indicator_id", "department"])


def _check_expected(expected: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    frame = expected[["indicator_id", "department"]].astype(str).apply(lambda s: s.str.strip())
    known = set(indicators["indicator_id"])
    problems = [f"指标 {i} 不在规划目录中" for i in frame["indicator_id"] if i not in known]
    problems += [f"指标 {i} 未指定报送部门" for i, d in zip(frame["indicator_id"], frame["department"]) if not d]
    problems += [
        f"指标 {i} 重复列出（每个指标只由一个部门报送）"
        for i in frame["indicator_id"][frame.duplicated("indicator_id")]
    ]
    if frame.empty:
        problems.append("报送清单为空")
    if problems:
        raise RoundError("报送清单有误，未开启：" + "；".join(problems[:20]))
    return frame


def open_round(
    store: Store,
    year: int,
    deadline: date,
    account: Account | None,
    expected: pd.DataFrame | None = None,
    origin: str | None = None,
) -> Round:
    """Open the round of a year with its deadline and its expected pairs (default_expected when None), fixed now."""
    require(account, ROUND_MANAGE, store, origin)
    year = int(year)
    if year not in config.ASSESSMENT_YEARS:
        raise RoundError(f"报送年度应为 {config.ASSESSMENT_YEARS[0]}—{config.ASSESSMENT_YEARS[-1]} 年，收到 {year}")
    pairs = _check_expected(default_expected(store) if expected is None else expected, _catalogue(store)[0])
    at = now()
    with store.engine.begin() as conn:
        if conn.execute(select(schema.rounds.c.year).where(schema.rounds.c.year == year)).first():
            raise RoundError(f"{year}年的年度报送已经开启过，不能再次开启")
        conn.execute(insert(schema.rounds).values(year=year, deadline=deadline, opened_by=account.name, opened_at=at))
        conn.execute(
            insert(schema.round_expected),
            [
                {"year": year, "indicator_id": i, "department": d}
                for i, d in zip(pairs["indicator_id"], pairs["department"])
            ],
        )
        detail = f"{year}年，截止 {deadline:%Y-%m-%d}，应报 {len(pairs)} 项、{pairs['department'].nunique()} 个部门"
        audit.record(conn, account.name, OPEN_ACTION, True, detail, origin)
    return Round(year, deadline, account.name, at, None, None)


def close_round(store: Store, year: int, account: Account | None, origin: str | None = None) -> Round:
    """Close a round: nothing more can be saved or submitted (what was submitted can still be accepted)."""
    require(account, ROUND_MANAGE, store, origin)
    found = _open(store, year)
    at = now()
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.rounds).where(schema.rounds.c.year == found.year).values(closed_by=account.name, closed_at=at)
        )
        audit.record(conn, account.name, CLOSE_ACTION, True, f"{found.year}年", origin)
    return Round(found.year, found.deadline, found.opened_by, found.opened_at, account.name, at)


def _existing(store: Store, year: int) -> Round:
    found = get_round(store, year)
    if found is None:
        raise RoundError(f"{int(year)}年的年度报送尚未开启")
    return found


def _open(store: Store, year: int) -> Round:
    found = _existing(store, year)
    if not found.is_open:
        raise RoundError(f"{found.year}年的年度报送已关闭，不能再填报、报送或退回")
    return found


def expected_pairs(store: Store, year: int) -> dict[str, str]:
    """indicator_id -> the department expected to report it."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.round_expected).where(schema.round_expected.c.year == int(year))).all()
    return {r.indicator_id: r.department for r in rows}


# ---------------------------------------------------------------- entries


def _latest(conn: Connection, year: int) -> dict[str, dict]:
    """The newest entry of each pair of the year."""
    table = schema.round_entries
    rows = conn.execute(select(table).where(table.c.year == int(year)).order_by(table.c.id)).all()
    return {r.indicator_id: dict(r._mapping) for r in rows}


def _comments(conn: Connection, year: int) -> dict[str, str]:
    """The newest 退回 comment of each pair."""
    entries, reviews = schema.round_entries, schema.round_reviews
    query = (
        select(entries.c.indicator_id, reviews.c.comment)
        .join(entries, entries.c.id == reviews.c.entry_id)
        .where(entries.c.year == int(year), reviews.c.decision == RETURN)
        .order_by(reviews.c.id)
    )
    return {r.indicator_id: r.comment for r in conn.execute(query).all()}


def _first_submitted(conn: Connection, year: int) -> dict[str, datetime]:
    table = schema.round_entries
    query = select(table.c.indicator_id, table.c.at).where(table.c.year == int(year), table.c.state == SUBMITTED)
    first: dict[str, datetime] = {}
    for row in conn.execute(query.order_by(table.c.id)).all():
        first.setdefault(row.indicator_id, row.at)
    return first


def _missing(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value).strip()


def _number(value: object, where: str) -> float | None:
    if _missing(value):
        return None
    try:
        number = float(str(value).replace("%", "").strip()) if isinstance(value, str) else float(value)
    except ValueError:
        raise RoundError(f"{where}：数值“{value}”不是数字") from None
    if not math.isfinite(number):
        raise RoundError(f"{where}：数值“{value}”不是有限的数字")
    return number


def _guard_pair(
    store: Store, account: Account, pairs: dict[str, str], year: int, indicator: str, origin, action: str = SAVE_ACTION
) -> str:
    """The pair's department; RoundError when the indicator is not expected, PermissionDenied (logged) for another's."""
    department = pairs.get(indicator)
    if department is None:
        raise RoundError(f"指标 {indicator} 不在{year}年的报送清单中")
    if account.role == ROLE_REPORTER and department != account.department:
        audit.log(store, account.name, audit.REFUSED, False, f"{action}：指标 {indicator} 属于{department}", origin)
        raise PermissionDenied(f"指标 {indicator} 由{department}报送，{account.label}无权填报")
    return department


def _checked_row(row: dict, kind: str, unit: object, where: str) -> dict:
    value = _number(row.get("value"), where)
    rating = _text(row.get("rating"))
    if kind == config.KIND_QUALITATIVE:
        if value is not None:
            raise RoundError(f"{where}：定性指标填写评价，不填数值")
        if rating is not None and rating not in config.RATINGS:
            raise RoundError(f"{where}：评价应为 {'、'.join(config.RATINGS)} 之一，收到“{rating}”")
    else:
        if rating is not None:
            raise RoundError(f"{where}：数值指标填写数值，不填评价")
        if value is not None and value < 0:
            raise RoundError(f"{where}：数值 {value:g} 为负数")
        if value is not None and unit == "%" and value > 100:
            raise RoundError(f"{where}：数值 {value:g} 超出百分比范围 0—100")
    return {
        "value": value,
        "rating": rating,
        "note": _text(row.get("note")),
        "explanation": _text(row.get("explanation")),
    }


FIELDS = ("value", "rating", "note", "explanation")


def save_draft(store: Store, year: int, account: Account | None, rows: list[dict], origin: str | None = None) -> int:
    """Save rows (indicator_id, value or rating, note, explanation) as drafts; the number of rows that changed.

    A submitted or accepted row cannot be changed (the office returns it first); a blank row is not saved.
    """
    require(account, ROUND_FILL, store, origin)
    found = _open(store, year)
    pairs = expected_pairs(store, found.year)
    indicators = _catalogue(store)[0].set_index("indicator_id")
    with store.engine.connect() as conn:
        latest = _latest(conn, found.year)
    fresh = []
    for row in rows:
        indicator = str(row.get("indicator_id") or "").strip()
        department = _guard_pair(store, account, pairs, found.year, indicator, origin)
        info = indicators.loc[indicator]
        checked = _checked_row(row, info["kind"], info["unit"], f"指标 {indicator}（{info['name']}）")
        old = latest.get(indicator)
        if old is None and checked["value"] is None and checked["rating"] is None:
            continue
        if old is not None and all(old[f] == checked[f] for f in FIELDS) and old["state"] != RETURNED:
            continue
        if old is not None and old["state"] in DONE:
            raise RoundError(f"指标 {indicator} {old['state']}，不能再修改；如需更正，请区妇儿工委办公室先退回")
        fresh.append({"indicator_id": indicator, "department": department, **checked})
    if fresh:
        _append(store, found.year, fresh, DRAFT, account.name, SAVE_ACTION, origin)
    return len(fresh)


def _append(
    store: Store,
    year: int,
    rows: list[dict],
    state: str,
    user: str,
    action: str | None,
    origin,
    detail: str = "",
    decision: str | None = None,
    comment: str | None = None,
) -> list[int]:
    """New entries (with their review rows when `decision` is given) and the audit entry, in one transaction."""
    at = now()
    with store.engine.begin() as conn:
        ids = [
            conn.execute(
                insert(schema.round_entries).values(
                    year=year,
                    indicator_id=r["indicator_id"],
                    department=r["department"],
                    value=r.get("value"),
                    rating=r.get("rating"),
                    note=r.get("note"),
                    explanation=r.get("explanation"),
                    state=state,
                    by=user,
                    at=at,
                    version=r.get("version"),
                )
            ).inserted_primary_key[0]
            for r in rows
        ]
        if decision is not None:
            reviews = [{"entry_id": i, "decision": decision, "comment": comment, "by": user, "at": at} for i in ids]
            conn.execute(insert(schema.round_reviews), reviews)
        if action is not None:
            listed = "、".join(r["indicator_id"] for r in rows)
            audit.record(conn, user, action, True, f"{year}年 {len(rows)} 项：{listed}{detail}", origin)
    return ids


def last_year_values(store: Store, year: int) -> dict[str, object]:
    """indicator_id -> last year's district total (value), or last year's rating for a qualitative indicator."""
    snap = versions.snapshot(store)
    obs = snap.observations
    obs = obs[(obs["year"] == int(year) - 1) & (obs["region"] == config.REGION) & obs["subgroup"].isna()]
    ass = snap.assessments[snap.assessments["year"] == int(year) - 1]
    return {**dict(zip(ass["indicator_id"], ass["rating"])), **dict(zip(obs["indicator_id"], obs["value"]))}


def last_year_sample_ids(store: Store, year: int) -> set[str]:
    """Indicators whose last-year figure (district total or rating) is sample data, not official statistics."""
    snap = versions.snapshot(store)
    obs = snap.observations
    obs = obs[(obs["year"] == int(year) - 1) & (obs["region"] == config.REGION) & obs["subgroup"].isna()]
    ass = snap.assessments[snap.assessments["year"] == int(year) - 1]
    return set(obs.loc[obs["is_sample"], "indicator_id"]) | set(ass.loc[ass["is_sample"], "indicator_id"])


def unusual(value: float | None, last: object, unit: object) -> bool:
    """Whether a value moved unusually against last year (config: ROUND_UNUSUAL_POINTS, ROUND_UNUSUAL_RELATIVE)."""
    if value is None or not isinstance(last, int | float) or _missing(last):
        return False
    if unit in config.ROUND_UNUSUAL_POINTS:
        return abs(value - last) > config.ROUND_UNUSUAL_POINTS[unit]
    if last == 0:
        return value != 0
    return abs(value - last) / abs(last) > config.ROUND_UNUSUAL_RELATIVE


def unusual_note(unit: object) -> str:
    if unit in config.ROUND_UNUSUAL_POINTS:
        return f"较上年变动超过 {config.ROUND_UNUSUAL_POINTS[unit]:g} 个百分点"
    return f"较上年变动超过 {config.ROUND_UNUSUAL_RELATIVE:.0%}"


def submit(
    store: Store, year: int, account: Account | None, indicators: list[str] | None = None, origin: str | None = None
) -> list[str]:
    """Submit the department's drafts (or the listed ones), all or none; the submitted indicator ids.

    Refused when a draft has no value or rating, or moved unusually against last year without a 说明.
    """
    require(account, ROUND_FILL, store, origin)
    found = _open(store, year)
    pairs = expected_pairs(store, found.year)
    for indicator in indicators or []:
        _guard_pair(store, account, pairs, found.year, indicator, origin, SUBMIT_ACTION)
    with store.engine.connect() as conn:
        latest = _latest(conn, found.year)
    mine = {i for i, d in pairs.items() if d == account.department}
    wanted = [i for i in sorted(mine) if i in latest and latest[i]["state"] == DRAFT]
    if indicators is not None:
        wanted = [i for i in wanted if i in set(indicators)]
    if not wanted:
        raise RoundError("没有待报送的草稿：请先填写并保存")
    catalogue, last = _catalogue(store)[0].set_index("indicator_id"), last_year_values(store, found.year)
    problems = []
    for i in wanted:
        entry, info = latest[i], catalogue.loc[i]
        name = f"指标 {i}（{info['name']}）"
        if entry["value"] is None and entry["rating"] is None:
            problems.append(f"{name}：未填写{'评价' if info['kind'] == config.KIND_QUALITATIVE else '数值'}")
        elif (
            unusual(entry["value"], last.get(i), info["unit"])
            and len(entry["explanation"] or "") < config.ROUND_MIN_EXPLANATION
        ):
            unit = info["unit"]
            shown = f"上年 {fmt.format_value(last.get(i), unit)}，本年 {fmt.format_value(entry['value'], unit)}"
            problems.append(f"{name}：{unusual_note(info['unit'])}（{shown}），请在“说明”中简述原因后再报送")
    if problems:
        audit.log(store, account.name, SUBMIT_ACTION, False, "；".join(problems)[: audit.MAX_DETAIL], origin)
        raise RoundError(f"有 {len(problems)} 项未通过核实性检查，本次未报送：\n" + "\n".join(problems))
    late = "（逾期报送）" if today() > found.deadline else ""
    _append(store, found.year, [latest[i] for i in wanted], SUBMITTED, account.name, SUBMIT_ACTION, origin, late)
    return wanted


# ---------------------------------------------------------------- review


def review(
    store: Store,
    year: int,
    department: str,
    account: Account | None,
    accept: bool,
    comment: str | None = None,
    indicator: str | None = None,
    origin: str | None = None,
) -> tuple[list[str], int | None]:
    """通过 or 退回 (with a required comment) the department's submitted rows (or one indicator of them).

    The submitted figures are never changed: 通过 writes them into the official data as a new version.
    Returns the reviewed indicator ids and the new version (None for 退回).
    """
    require(account, ROUND_REVIEW, store, origin)
    found = _existing(store, year) if accept else _open(store, year)
    comment = _text(comment)
    if not accept and comment is None:
        raise RoundError("退回须写明理由，部门才知道要改什么")
    with store.engine.connect() as conn:
        latest = _latest(conn, found.year)
    rows = [
        e
        for i, e in sorted(latest.items())
        if e["department"] == department and e["state"] == SUBMITTED and (indicator is None or i == indicator)
    ]
    if not rows:
        what = f"指标 {indicator}" if indicator else department
        raise RoundError(f"{what}没有待审核（已报送）的数据")
    if not accept:
        detail = f"；理由：{comment}"
        _append(store, found.year, rows, RETURNED, account.name, RETURN_ACTION, origin, detail, RETURN, comment)
        return [r["indicator_id"] for r in rows], None
    made = _accept_into_data(store, found.year, rows, account, origin, comment)  # its version's audit entry says so
    accepted = [{**r, "version": made} for r in rows]
    _append(store, found.year, accepted, ACCEPTED, account.name, None, origin, decision=PASS, comment=comment)
    return [r["indicator_id"] for r in rows], made


def official_rows(year: int, rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accepted entries as observations (district total, 正式, not sample) and assessments (not sample)."""
    obs = [
        {
            "indicator_id": r["indicator_id"],
            "region": config.REGION,
            "year": int(year),
            "subgroup": None,
            "value": r["value"],
            "numerator": None,
            "denominator": None,
            "data_status": config.DATA_STATUS_FINAL,
            "source": r["department"],
            "note": r["note"],
            "is_sample": False,
        }
        for r in rows
        if r["value"] is not None
    ]
    ass = [
        {
            "indicator_id": r["indicator_id"],
            "year": int(year),
            "rating": r["rating"],
            "narrative": r["note"],
            "department": r["department"],
            "is_sample": False,
        }
        for r in rows
        if r["rating"] is not None
    ]
    from lib.contract.tables import normalise

    return normalise(pd.DataFrame(obs), config.OBSERVATIONS), normalise(pd.DataFrame(ass), config.ASSESSMENTS)


def _accept_into_data(store: Store, year: int, rows: list[dict], account: Account, origin, comment) -> int:
    from lib.entry.importer import ASSESSMENT_KEY, OBS_KEY, merge_rows  # the importer imports the store

    obs, ass = official_rows(year, rows)
    detail = f"{ACCEPT_ACTION} {rows[0]['department']} {year}年 {len(rows)} 项：" + "、".join(
        r["indicator_id"] for r in rows
    )
    for attempt in range(3):  # another commit between reading and writing: read again
        snap = versions.snapshot(store)
        tables = {
            "observations": merge_rows(snap.observations, obs, OBS_KEY, "value", "")[0]
            if len(obs)
            else snap.observations,
            "assessments": merge_rows(snap.assessments, ass, ASSESSMENT_KEY, "rating", "")[0]
            if len(ass)
            else snap.assessments,
        }
        try:
            made = versions.commit(
                store,
                tables,
                snap.version,
                account.name,
                ACCEPT_ACTION,
                origin=origin,
                detail=detail + (f"；意见：{comment}" if comment else ""),
            )
            return made.id
        except versions.StaleVersion:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- what the pages show


def task_list(store: Store, year: int, department: str | None = None) -> pd.DataFrame:
    """One row per expected pair (of one department, or all): the catalogue, last year, the target, the entry."""
    indicators = _catalogue(store)[0].set_index("indicator_id")
    pairs = expected_pairs(store, year)
    last, sample = last_year_values(store, year), last_year_sample_ids(store, year)
    with store.engine.connect() as conn:
        latest, comments = _latest(conn, year), _comments(conn, year)
    rows = []
    for i, dept in pairs.items():
        if department is not None and dept != department:
            continue
        info, entry = indicators.loc[i], latest.get(i, {})
        state = entry.get("state", NOT_FILLED)
        previous = last.get(i)
        rows.append(
            {
                "indicator_id": i,
                "name": info["name"],
                "department": dept,
                "kind": info["kind"],
                "unit": _text(info["unit"]) or "",
                "last_year": ""
                if previous is None
                else fmt.format_value(previous, info["unit"])
                if isinstance(previous, float)
                else str(previous),
                "last_value": previous if isinstance(previous, float) else None,
                "last_sample": i in sample,
                "target": fmt.format_target(info["op"], info["target"], info["unit"])
                if info["kind"] != config.KIND_QUALITATIVE
                else "定性",
                "state": state,
                "value": entry.get("value"),
                "rating": entry.get("rating"),
                "note": entry.get("note"),
                "explanation": entry.get("explanation"),
                "comment": comments.get(i) if state == RETURNED else None,
                "by": entry.get("by"),
                "at": audit.beijing(entry.get("at")) if entry else "",
            }
        )
    order = {i: n for n, i in enumerate(indicators.index)}
    frame = pd.DataFrame(rows, columns=TASK_FIELDS)
    return frame.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)


TASK_FIELDS = [
    "indicator_id",
    "name",
    "department",
    "kind",
    "unit",
    "last_year",
    "last_value",
    "last_sample",
    "target",
    "state",
    "value",
    "rating",
    "note",
    "explanation",
    "comment",
    "by",
    "at",
]


def deadline_text(deadline: date, on: date) -> str:
    days = (deadline - on).days
    if days > 0:
        return f"剩余 {days} 天"
    return "今天截止" if days == 0 else f"逾期 {-days} 天"


def tracker(store: Store, year: int, on: date | None = None) -> pd.DataFrame:
    """Per department: 应报, the count in each state (summing to 应报), 逾期, 报送率, deadline (TRACKER_COLUMNS)."""
    found = _existing(store, year)
    on = on or today()
    tasks = task_list(store, year)
    past = on > found.deadline
    rows = []
    for dept, group in tasks.groupby("department", sort=False):
        counts = group["state"].value_counts()
        n = {s: int(counts.get(s, 0)) for s in STATES}
        outstanding = len(group) - n[SUBMITTED] - n[ACCEPTED]
        rows.append(
            [
                dept,
                len(group),
                n[NOT_FILLED],
                n[DRAFT],
                n[SUBMITTED],
                n[RETURNED],
                n[ACCEPTED],
                outstanding if past else 0,
                fmt.format_rate((n[SUBMITTED] + n[ACCEPTED]) / len(group)),
                f"{found.deadline:%Y-%m-%d}",
                deadline_text(found.deadline, on) if outstanding else "已全部报送",
            ]
        )
    frame = pd.DataFrame(rows, columns=TRACKER_COLUMNS)
    return frame.sort_values(["逾期", "部门"], ascending=[False, True], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Completeness:
    year: int
    expected: int
    reported: int  # pairs submitted or accepted now
    on_time: int  # pairs first submitted by the deadline
    deadline: date

    @property
    def reporting_rate(self) -> float | None:  # 报送率
        return self.reported / self.expected if self.expected else None

    @property
    def timely_rate(self) -> float | None:  # 及时率
        return self.on_time / self.expected if self.expected else None


def completeness(store: Store, year: int) -> Completeness:
    """报送率 (submitted or accepted ÷ expected) and 及时率 (first submitted by the deadline ÷ expected), ≤ 100 %."""
    found = _existing(store, year)
    pairs = expected_pairs(store, year)
    with store.engine.connect() as conn:
        latest, first = _latest(conn, year), _first_submitted(conn, year)
    reported = sum(1 for i in pairs if i in latest and latest[i]["state"] in DONE)
    on_time = sum(1 for i in pairs if i in first and _beijing_date(first[i]) <= found.deadline)
    return Completeness(found.year, len(pairs), reported, on_time, found.deadline)


REMIND_COLUMNS = ["部门", "未报送", "已退回", "待报送指标", "催报通知"]


def reminders(store: Store, year: int, on: date | None = None) -> pd.DataFrame:
    """The departments with pairs not yet submitted (or returned), each with a ready-to-send notice (催报)."""
    found = _existing(store, year)
    on = on or today()
    tasks = task_list(store, year)
    rows = []
    for dept, group in tasks.groupby("department", sort=False):
        open_ = group[~group["state"].isin(DONE)]
        if open_.empty:
            continue
        returned = open_[open_["state"] == RETURNED]
        listed = "、".join(f"{i} {n}" for i, n in zip(open_["indicator_id"], open_["name"]))
        when = deadline_text(found.deadline, on)
        notice = (
            f"{dept}：{found.year}年度妇女发展规划监测数据报送截止日期为 {found.deadline:%Y年%m月%d日}（{when}），"
            f"贵单位尚有 {len(open_)} 项指标未报送"
            + (f"（其中 {len(returned)} 项已退回待修改）" if len(returned) else "")
            + f"：{listed}。请登录监测系统“年度报送”页填报并报送。区妇儿工委办公室"
        )
        rows.append([dept, len(open_), len(returned), listed, notice])
    return pd.DataFrame(rows, columns=REMIND_COLUMNS)


def reminders_xlsx(store: Store, year: int, on: date | None = None) -> bytes:
    """The 催报 list as an Excel workbook."""
    from lib.outputs.export import ExportMeta, to_xlsx_bytes

    return to_xlsx_bytes(reminders(store, year, on), ExportMeta(what="催报清单", year=int(year)))


def history(store: Store, year: int, indicator: str | None = None) -> pd.DataFrame:
    """Every entry of the round (newest first) with the review comment: nothing returned or replaced is lost."""
    entries, reviews = schema.round_entries, schema.round_reviews
    query = (
        select(entries, reviews.c.comment)
        .outerjoin(reviews, reviews.c.entry_id == entries.c.id)
        .where(entries.c.year == int(year))
        .order_by(entries.c.id.desc())
    )
    if indicator:
        query = query.where(entries.c.indicator_id == indicator)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        [
            (
                audit.beijing(r.at),
                r.by,
                r.department,
                r.indicator_id,
                r.state,
                "" if r.value is None else f"{r.value:g}",
                r.rating or "",
                r.note or "",
                r.explanation or "",
                r.comment or "",
                "" if r.version is None else str(r.version),
            )
            for r in rows
        ],
        columns=["时间", "用户", "部门", "指标编号", "状态", "数值", "评价", "备注", "说明", "审核意见", "版本"],
    )


def upload_rows(parsed, year: int, pairs: dict[str, str], department: str) -> list[dict]:
    """The rows of a filled template for the year's pairs of the department (district totals and ratings)."""
    from lib.entry.importer import uploaded_assessments, uploaded_observations

    obs = uploaded_observations(parsed)
    obs = obs[(obs["year"] == int(year)) & obs["subgroup"].isna()]
    ass = uploaded_assessments(parsed)
    ass = ass[ass["year"] == int(year)]
    rows = [  # the template's 备注 is the 说明 of an unusual move
        {"indicator_id": i, "value": v, "note": n, "explanation": n}
        for i, v, n in zip(obs["indicator_id"], obs["value"], obs["note"])
    ]
    rows += [
        {"indicator_id": i, "rating": r, "note": n}
        for i, r, n in zip(ass["indicator_id"], ass["rating"], ass["narrative"])
    ]
    return [r for r in rows if pairs.get(r["indicator_id"]) == department]


def submit_upload(store: Store, parsed, account: Account | None, origin: str | None = None) -> tuple[int, list[str]]:
    """A department's filled template: checked like an import, saved as drafts of the round and submitted."""
    from lib.entry.importer import import_problems

    require(account, ROUND_FILL, store, origin)
    year = parsed.template_year or (current_round(store).year if current_round(store) else None)
    if year is None:
        raise RoundError("模板未注明填报年度，且没有进行中的年度报送")
    errors = [p for p in import_problems(store, parsed, account, year, account.department) if p.is_error]
    if errors:
        raise RoundError(f"有 {len(errors)} 处错误，未报送：\n" + "\n".join(map(str, errors[:20])))
    found = _open(store, year)
    rows = upload_rows(parsed, found.year, expected_pairs(store, found.year), account.department)
    if not rows:
        raise RoundError(f"文件中没有{account.department}{found.year}年应报指标的数值或评价")
    saved = save_draft(store, found.year, account, rows, origin)
    return saved, submit(store, found.year, account, origin=origin)
