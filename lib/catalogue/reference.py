"""Published comparison values (全国, 山东省, 博山区) mapped to plan indicators where the definition matches.

The sources are national-reference.csv and regional-reference.csv in the data directory
(each value with its source_url, verbatim quote, source_org and tier: A the issuing agency's
own page, B a central official outlet carrying its text, C a reprint elsewhere). A
published series is linked to a plan indicator only when both measure the same thing;
every other series is listed in UNMAPPED with the reason, and a test checks that every
series of the CSVs is either mapped or explained. A tier C value is kept only where no A or
B value exists for the same indicator, region and year; it is shown labelled 转载, and an
English quote is labelled 英文原文.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pandas as pd

from lib import config
from lib.contract.tables import REFERENCE_COLUMNS, DataError

CSV_COLUMNS = ("geography", "indicator_zh", "year", "value", "unit", "source_url", "quote", "source_org", "tier")
REFERENCE_FILES = (config.REFERENCE_CSV, "regional-reference.csv")  # national first, then 山东省 / 博山区
REGION_ORDER = ("全国", "山东省", "淄博市", config.REGION)
TIERS = ("A", "B", "C")
TIER_REPRINT = "C"
LABEL_REPRINT = "转载"
LABEL_ENGLISH = "英文原文"
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Mapping:
    """A published series and the plan indicator names (regular expression) it matches."""

    indicator_zh: str
    name_pattern: str
    note: str


MAPPINGS = (
    Mapping("孕产妇死亡率", r"^孕产妇死亡率$", "同一指标：每10万活产孕产妇死亡数"),
    Mapping("妇女常见病筛查率", r"^妇女常见病筛查率$", "同一指标"),
    Mapping(
        "宫颈癌筛查率(35-64岁女性,曾接受过筛查,抽样调查)",
        r"^(?:35-64岁.*)?宫颈癌人群筛查率$",
        "同为35-64岁妇女；全国值为抽样调查的曾筛查比例，规划为人群筛查率，口径相近",
    ),
    Mapping(
        "乳腺癌筛查率(35-64岁女性,抽样调查)",
        r"^(?:35-64岁.*)?乳腺癌人群筛查率$",
        "同为35-64岁妇女；全国值为抽样调查结果，口径相近",
    ),
    Mapping("艾滋病母婴传播率", r"^艾滋病母婴传播率$", "同一指标"),
    Mapping(
        "孕产妇艾滋病、梅毒和乙肝检测率(2024年10月发布时的水平)",
        r"^孕产妇(?:艾滋病|梅毒|乙肝)检测率$",
        "同一指标：发布时三项检测率合并表述为均达到99%以上，规划按病种分列，三项各对应此值",
    ),
    Mapping("孕产妇系统管理率", r"^孕产妇系统管理率$", "同一指标"),
    Mapping(
        "学前教育毛入园率",
        r"^学前(?:3|三)年毛入园率$",
        "同一指标：教育统计中学前教育毛入园率即学前三年毛入园率（2022年公报原文即作“学前三年毛入园率”）",
    ),
    Mapping("九年义务教育巩固率", r"^九年义务教育巩固率$", "同一指标"),
    Mapping("九年义务教育巩固率(“十二五”期末)", r"^九年义务教育巩固率$", "同一指标（山东省“十二五”期末值）"),
    Mapping("高中阶段毛入学率", r"^高中阶段(?:教育)?毛入学率$", "同一指标"),
    Mapping("女性就业人员占全社会就业人员比重", r"^就业人员中的?女性比例$", "同一指标：全部就业人员中女性所占比重"),
    Mapping("就业人员中女性比例", r"^就业人员中的?女性比例$", "同一指标（山东省值）"),
    Mapping(
        "城镇非私营单位就业人员中女性比重",
        r"^城镇单位就业人员中的?女性比例$",
        "视为同一指标：统计公报中“城镇单位就业人员”即城镇非私营单位就业人员"
        "（2020年城镇单位女性6779.4万人与2021年非私营单位“比2020年增加73万人”前后衔接）",
    ),
    Mapping("高级专业技术人员中妇女比例", r"^高级专业技术人员中的?(?:女性|妇女)比例$", "同一指标（山东省值）"),
    Mapping("村委会成员中女性比例", r"^村委会成员中的?女性比例$", "同一指标"),
    Mapping("居委会成员中女性比例", r"^(?:社区)?居委会成员中的?女性比例$", "同一指标：社区居委会即居民委员会"),
    Mapping("农村自来水普及率", r"^农村自来水普及率$", "同一指标"),
    Mapping("女性人均预期寿命", r"^(?:妇女|女性)人均预期寿命$", "同一指标"),
    Mapping("妇女平均受教育年限", r"^(?:妇女|女性)平均受教育年限$", "同一指标（山东省值）"),
    Mapping(
        "地级及以上城市在用集中式生活饮用水水源断面(点位)全年达标比例",
        r"^城市集中式饮用水水源水质达到或优于Ⅲ类标准的比例$",
        "口径相近：全国值为地级及以上城市在用水源断面全年达标比例（水源达标即达到或优于Ⅲ类标准），"
        "规划为城市集中式饮用水水源达到或优于Ⅲ类的比例",
    ),
)

HIGHER_EDUCATION = "规划中高等教育为定性目标（女性平等接受高等教育），无可比的数值指标"

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
    "普通本专科在校生中女生比例": HIGHER_EDUCATION,
    "高等教育在校生中女生比例": HIGHER_EDUCATION,
    "女研究生占全部研究生比例": HIGHER_EDUCATION,
    "普通高等教育在校生中女生比重": HIGHER_EDUCATION,
    "研究生在校生中女性比重": HIGHER_EDUCATION,
    "普通本专科在校生中女生比例(“十四五”时期,2025-10发布)": HIGHER_EDUCATION,
    "研究生在校生中女生比例(“十四五”时期,2025-10发布)": HIGHER_EDUCATION,
    "全国人大代表中女性比例(第十三届)": "仅全国人大代表，规划指标为各级人大代表和常委会委员中的女性比例，口径不同",
    "全国人大代表中女性比例(第十四届)": "仅全国人大代表，规划指标为各级人大代表和常委会委员中的女性比例，口径不同",
    "全国政协委员中女性比例(第十三届)": "仅全国政协委员，规划指标为各级政协委员和常委中的女性比例，口径不同",
    "农村卫生厕所普及率": "规划目标为“农村厕所改造基本完成”（定性目标），无可比的数值指标",
    "县级政府领导班子中女干部配备率": "配备女干部的班子所占比例；规划指标为各班子配备女干部人数（至少1名），口径不同",
    "县级党委领导班子中女干部配备率": "配备女干部的班子所占比例；规划指标为各班子配备女干部人数（至少1名），口径不同",
    "农村和城镇低保适龄妇女“两癌”免费检查目标人群覆盖率": (
        "仅低保适龄妇女的免费检查项目，规划指标为全体35-64岁适龄妇女人群筛查率"
    ),
    "年末户籍人口中女性人数": "人口总数，规划无对应指标",
    "村委会主任中女性比例": "规划无村委会主任指标（规划为村党组织成员、村党组织书记和村委会成员中女性比例）",
}


def read_reference_csv(path: str | os.PathLike) -> pd.DataFrame:
    """The published values of one file, checked for the columns the build needs."""
    try:
        raw = pd.read_csv(path, dtype={"year": str, "tier": str})
    except FileNotFoundError as exc:
        raise DataError(f"找不到参考值文件 {path}") from exc
    missing = [c for c in CSV_COLUMNS if c not in raw.columns]
    if missing:
        raise DataError(f"参考值文件 {path} 缺少列：{'、'.join(missing)}")
    bad = raw.index[~raw["tier"].isin(TIERS)]
    if len(bad):
        raise DataError(f"参考值文件 {path} 第{int(bad[0]) + 2}行“tier”列应为 A、B、C 之一")
    return raw


def read_reference_files(paths: list[str | os.PathLike]) -> pd.DataFrame:
    """Published values of several files (national, regional), in file order."""
    return pd.concat([read_reference_csv(p) for p in paths], ignore_index=True)


def default_reference_files(data_dir: str | os.PathLike) -> list[str]:
    """The national file of the data directory, and the regional one when it is there."""
    paths = [os.path.join(data_dir, name) for name in REFERENCE_FILES]
    return paths[:1] + [p for p in paths[1:] if os.path.exists(p)]


def period_year(period: str) -> int:
    """The year of a published period: 2023-2024 → 2024 (a survey over two years takes the later)."""
    years = re.findall(r"\d{4}", str(period))
    if not years:
        raise DataError(f"参考值年份“{period}”无法识别")
    return int(years[-1])


def is_english(quote: object) -> bool:
    """True for a quote with no Chinese character (an English report or reprint)."""
    return isinstance(quote, str) and bool(quote.strip()) and not CJK_RE.search(quote)


def reference_labels(tier: object, quote: object) -> list[str]:
    """The labels a reference value is shown with: 转载 (tier C), 英文原文 (English quote)."""
    labels = [LABEL_REPRINT] if tier == TIER_REPRINT else []
    return labels + ([LABEL_ENGLISH] if is_english(quote) else [])


def matching_ids(indicators: pd.DataFrame, mapping: Mapping) -> list[str]:
    """Plan indicator ids whose name matches the mapping (qualitative goals have no number to compare)."""
    names = indicators["name"].astype(str)
    hits = names.str.contains(mapping.name_pattern, regex=True)
    if "kind" in indicators.columns:
        hits &= indicators["kind"] != config.KIND_QUALITATIVE
    return indicators.loc[hits, "indicator_id"].tolist()


def prefer_official(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop tier C values where an A or B value exists for the same indicator, region and year."""
    key = ["indicator_id", "region", "year"]
    official = frame[frame["tier"] != TIER_REPRINT][key].drop_duplicates()
    covered = frame[key].merge(official.assign(_official=True), on=key, how="left")["_official"].notna()
    reprint = (frame["tier"] == TIER_REPRINT).to_numpy(dtype=bool)
    return frame[~(reprint & covered.to_numpy(dtype=bool))]


def region_rank(region: str) -> int:
    return REGION_ORDER.index(region) if region in REGION_ORDER else len(REGION_ORDER)


def build_reference(raw: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """reference.parquet rows: every published value of a mapped series, once per matching indicator,
    tier C only where no A/B value exists; ordered by indicator, region (全国 first) and year."""
    rows = []
    for mapping in MAPPINGS:
        part = raw[raw["indicator_zh"] == mapping.indicator_zh]
        for indicator_id in matching_ids(indicators, mapping):
            for rec in part.to_dict("records"):
                rows.append(
                    {
                        "indicator_id": indicator_id,
                        "region": rec["geography"],
                        "year": period_year(rec["year"]),
                        "period": str(rec["year"]),
                        "value": float(rec["value"]),
                        "unit": rec["unit"],
                        "indicator_zh": rec["indicator_zh"],
                        "source_url": rec["source_url"],
                        "quote": rec["quote"],
                        "mapping_note": mapping.note,
                        "source_org": rec["source_org"],
                        "tier": rec["tier"],
                    }
                )
    frame = prefer_official(pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS)))
    frame = frame.astype({"year": "int64", "value": "float64"})
    frame = frame.assign(_rank=frame["region"].map(region_rank))
    frame = frame.sort_values(["indicator_id", "_rank", "year"], kind="stable").drop(columns="_rank")
    return frame.reset_index(drop=True)


def unexplained_series(raw: pd.DataFrame) -> list[str]:
    """Published series that are neither mapped nor listed in UNMAPPED with a reason."""
    known = {m.indicator_zh for m in MAPPINGS} | set(UNMAPPED)
    return sorted(set(raw["indicator_zh"]) - known)


def unmatched_mappings(indicators: pd.DataFrame) -> list[str]:
    """Mapped series that no indicator of the catalogue matches (a renamed or split indicator)."""
    return [m.indicator_zh for m in MAPPINGS if not matching_ids(indicators, m)]
