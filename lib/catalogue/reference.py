"""Published comparison values (全国, 山东省) mapped to plan indicators where the definition matches.

The source is national-reference.csv (each value with its source_url and quote). A
published series is linked to a plan indicator only when both measure the same thing;
every other series is listed in UNMAPPED with the reason, and a test checks that every
series of the CSV is either mapped or explained.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pandas as pd

from lib.contract.tables import REFERENCE_COLUMNS, DataError

CSV_COLUMNS = ("geography", "indicator_zh", "year", "value", "unit", "source_url", "quote")


@dataclass(frozen=True)
class Mapping:
    """A published series and the plan indicator names (regular expression) it matches."""

    indicator_zh: str
    name_pattern: str
    note: str


MAPPINGS = (
    Mapping("孕产妇死亡率", r"^孕产妇死亡率$", "同一指标：每10万活产孕产妇死亡数"),
    Mapping("妇女常见病筛查率", r"^妇女常见病筛查率$", "同一指标"),
    Mapping("宫颈癌筛查率(35-64岁女性,曾接受过筛查,抽样调查)", r"^(?:35-64岁.*)?宫颈癌人群筛查率$",
            "同为35-64岁妇女；全国值为抽样调查的曾筛查比例，规划为人群筛查率，口径相近"),
    Mapping("乳腺癌筛查率(35-64岁女性,抽样调查)", r"^(?:35-64岁.*)?乳腺癌人群筛查率$",
            "同为35-64岁妇女；全国值为抽样调查结果，口径相近"),
    Mapping("艾滋病母婴传播率", r"^艾滋病母婴传播率$", "同一指标"),
    Mapping("孕产妇系统管理率", r"^孕产妇系统管理率$", "同一指标"),
    Mapping("学前教育毛入园率", r"^学前(?:3|三)年毛入园率$",
            "同一指标：教育统计中学前教育毛入园率即学前三年毛入园率（2022年公报原文即作“学前三年毛入园率”）"),
    Mapping("九年义务教育巩固率", r"^九年义务教育巩固率$", "同一指标"),
    Mapping("高中阶段毛入学率", r"^高中阶段(?:教育)?毛入学率$", "同一指标"),
    Mapping("女性就业人员占全社会就业人员比重", r"^就业人员中的?女性比例$", "同一指标：全部就业人员中女性所占比重"),
    Mapping("城镇非私营单位就业人员中女性比重", r"^城镇单位就业人员中的?女性比例$",
            "视为同一指标：统计公报中“城镇单位就业人员”即城镇非私营单位就业人员"
            "（2020年城镇单位女性6779.4万人与2021年非私营单位“比2020年增加73万人”前后衔接）"),
    Mapping("高级专业技术人员中妇女比例", r"^高级专业技术人员中的?(?:女性|妇女)比例$", "同一指标（山东省值）"),
    Mapping("村委会成员中女性比例", r"^村委会成员中的?女性比例$", "同一指标"),
    Mapping("居委会成员中女性比例", r"^(?:社区)?居委会成员中的?女性比例$", "同一指标：社区居委会即居民委员会"),
    Mapping("村委会主任中女性比例", r"^村委会主任中的?女性比例$", "同一指标"),
    Mapping("农村自来水普及率", r"^农村自来水普及率$", "同一指标"),
    Mapping("女性人均预期寿命", r"^(?:妇女|女性)人均预期寿命$", "同一指标"),
)

UNMAPPED = {
    "乳腺癌筛查率(20岁及以上女性,抽样调查)": "年龄口径为20岁及以上，规划目标针对35-64岁适龄妇女",
    "农村孕产妇死亡率": "城乡分组按监测点类型划分，与区级城镇/农村分组口径不同",
    "城市孕产妇死亡率": "城乡分组按监测点类型划分，与区级城镇/农村分组口径不同",
    "农村宫颈癌筛查率(35-64岁女性,曾接受过筛查,抽样调查)": "仅农村妇女，规划目标为全体35-64岁适龄妇女",
    "城镇单位女性就业人员数": "人数（万人），规划指标为比例",
    "城镇非私营单位女性就业人员数": "人数（万人），规划指标为比例",
    "女性占基本医疗保险参保人数比重": "参保人中女性的占比，规划指标为妇女参保率（参保妇女占应参保妇女）",
    "女性参加城乡居民基本养老保险人数": "人数（亿人），规划指标为参保率",
    "女性参加基本养老保险人数": "人数（亿人），规划指标为参保率",
    "女性参加基本医疗保险人数": "人数（亿人），规划指标为参保率",
    "女性参加生育保险人数": "人数（亿人），规划指标为参保率",
    "村班子(村“两委”)成员中妇女比例(2021-2022年换届结果)": "村“两委”合计，规划指标分别为村党组织成员和村委会成员",
}


def read_reference_csv(path: str | os.PathLike) -> pd.DataFrame:
    """The published values, checked for the columns the build needs."""
    try:
        raw = pd.read_csv(path, dtype={"year": str})
    except FileNotFoundError as exc:
        raise DataError(f"找不到参考值文件 {path}") from exc
    missing = [c for c in CSV_COLUMNS if c not in raw.columns]
    if missing:
        raise DataError(f"参考值文件 {path} 缺少列：{'、'.join(missing)}")
    return raw


def period_year(period: str) -> int:
    """The year of a published period: 2023-2024 → 2024 (a survey over two years takes the later)."""
    years = re.findall(r"\d{4}", str(period))
    if not years:
        raise DataError(f"参考值年份“{period}”无法识别")
    return int(years[-1])


def matching_ids(indicators: pd.DataFrame, mapping: Mapping) -> list[str]:
    """Plan indicator ids whose name matches the mapping."""
    names = indicators["name"].astype(str)
    hits = names.str.contains(mapping.name_pattern, regex=True)
    return indicators.loc[hits, "indicator_id"].tolist()


def build_reference(raw: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """reference.parquet rows: every published value of a mapped series, once per matching indicator."""
    rows = []
    for mapping in MAPPINGS:
        part = raw[raw["indicator_zh"] == mapping.indicator_zh]
        for indicator_id in matching_ids(indicators, mapping):
            for rec in part.to_dict("records"):
                rows.append({
                    "indicator_id": indicator_id, "region": rec["geography"],
                    "year": period_year(rec["year"]), "period": str(rec["year"]),
                    "value": float(rec["value"]), "unit": rec["unit"],
                    "indicator_zh": rec["indicator_zh"], "source_url": rec["source_url"],
                    "quote": rec["quote"], "mapping_note": mapping.note,
                })
    frame = pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values(["indicator_id", "region", "year"], kind="stable").reset_index(drop=True)


def unexplained_series(raw: pd.DataFrame) -> list[str]:
    """Published series that are neither mapped nor listed in UNMAPPED with a reason."""
    known = {m.indicator_zh for m in MAPPINGS} | set(UNMAPPED)
    return sorted(set(raw["indicator_zh"]) - known)
