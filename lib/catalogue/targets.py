"""Indicators of goals and measures: numeric targets, directions, qualitative goals.

A number is a target when it carries a unit (%, /10万, 名, 人, 所, or a ratio a：b) and
its clause says it is one: a cue right before it (达到, 达, 保持在, 稳定在, 提高到, 控制在,
下降到, 超过, 至少, 不少于, 不低于, 总体为, 建立 …) or 以上 / 以下 / 左右 right after it.
So 35-64岁, 三级, 学前3年, the 12338 hotline and "按照…标准的50%享受" (a benefit rule with
no cue) are not targets. Comparators: 超过 → `>`; 至少, 不少于, 不低于 → `>=` whatever
follows; 总体为 → `>=` (an overall compliance level such as a water-quality share: more is never
worse); otherwise 以上 → `>=`,
以下 → `<=`, 左右 → `≈`; with no suffix 达到/达/保持在/稳定在/提高到/建立 → `>=` and
控制在/下降到/降低到 → `<=`. "一半以上" is 50 %. A ratio 3：2 has unit `比例` and target
1.5. "A、B…分别达到X" gives one row per listed item.

One rate stated for several diseases ("孕产妇艾滋病、梅毒和乙肝检测率达到95%以上") is one
indicator per disease (DISEASES), each quoting the whole clause.

Directions: in a goal, every sentence that states no target but has a clause with
提高, 提升, 延长, 增强, 扩大, 增加, 加大 (→ `up`) or 降低, 减少, 下降, 缩小, 减缓
(→ `down`) names something to move. When that is a measurable quantity (`lib.catalogue.units`:
a share, a rate, years, a count, a ratio, a time) the clause gives one `direction` indicator
with its unit; otherwise (意识, 能力, 水平, 功能 …) one `qualitative` indicator quoting the
clause, judged by the lead department's yearly rating. A goal with no indicator at all
gets one `qualitative` indicator quoting the goal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib import config
from lib.catalogue.units import quantity_unit

NUMBER_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％|/\s*10\s*万|名|人|所|[：:]\s*(?P<den>\d+(?:\.\d+)?))"
    r"|(?P<half>一半)(?=以上|以下|左右)"
)
SUFFIX_OPS = {"以上": ">=", "以下": "<=", "左右": "≈"}
# cue, comparator (None: take it from the suffix, else the default), default, max chars between
STRICT_CUES = (("超过", ">", 2), ("不少于", ">=", 4), ("至少", ">=", 4), ("不低于", ">=", 4), ("总体为", ">=", 0))
SOFT_CUES = (
    ("达到", ">=", 4),
    ("提高到", ">=", 2),
    ("保持在", ">=", 2),
    ("稳定在", ">=", 2),
    ("控制在", "<=", 2),
    ("下降到", "<=", 2),
    ("降低到", "<=", 2),
    ("降到", "<=", 2),
    ("达", ">=", 0),
    ("建立", ">=", 12),
)
UP_WORDS = ("提高", "提升", "延长", "增强", "扩大", "增加", "加大")
DOWN_WORDS = ("降低", "减少", "下降", "缩小", "减缓")
LEAD_WORDS_RE = re.compile(r"^(?:倡导|实现|促进|推动|确保|保证|应当|应|其中|并|且|使|在|对)+")
TRAIL_WORDS_RE = re.compile(r"(?:一般|逐步|不断|明显|显著|持续|进一步|稳步|全面|日益|有效|分别|各|均|的)+$")
METRIC_RE = re.compile(r"(率|比例|比重|寿命|年限|人数|数量|数|水平|差距)$")
UNIT_NOUNS = {"%": "比例", "名": "人数", "人": "人数", "所": "数量"}
# diseases whose rates national monitoring reports one by one
DISEASES = ("艾滋病", "梅毒", "乙肝", "乙型肝炎", "丙肝", "结核病", "宫颈癌", "乳腺癌")
DISEASE_RUN_RE = re.compile("(?:{d})(?:[、和及与](?:{d}))+".format(d="|".join(DISEASES)))


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str | None
    kind: str
    op: str | None
    target: float | None
    quote: str


def sentences(text: str) -> list[str]:
    """Sentences of an item, each without its final 。；."""
    return [s.strip() for s in re.split(r"[。；;！？]", text) if s.strip()]


def clauses(sentence: str) -> list[str]:
    return [c.strip() for c in re.split(r"[，,]", sentence) if c.strip()]


def find_cue(prefix: str) -> tuple[str, str, bool, int] | None:
    """The cue ending closest before a number, the longest on a tie (下降到 over 降到):
    (word, op, strict, start index in prefix)."""
    best = None
    for cues, strict in ((STRICT_CUES, True), (SOFT_CUES, False)):
        for word, op, gap in cues:
            at = prefix.rfind(word)
            end = at + len(word)
            if (
                at >= 0
                and len(prefix) - end <= gap
                and (best is None or (end, -at) > (best[3] + len(best[0]), -best[3]))
            ):
                best = (word, op, strict, at)
    return best


def unit_and_value(match: re.Match) -> tuple[str, float]:
    if match.group("half"):
        return "%", 50.0
    num = float(match.group("num"))
    if match.group("den"):
        return "比例", num / float(match.group("den"))
    unit = match.group("unit").replace("％", "%")
    return ("1/10万", num) if "万" in unit else (unit, num)


def comparator(cue: tuple | None, suffix: str | None) -> str | None:
    if cue and cue[2]:
        return cue[1]
    if suffix:
        return SUFFIX_OPS[suffix]
    return cue[1] if cue else None


def tidy_name(fragment: str) -> str:
    return TRAIL_WORDS_RE.sub("", LEAD_WORDS_RE.sub("", fragment.strip())).strip()


def name_target(clause: str, match: re.Match, cue_at: int, unit: str, previous: str | None) -> str:
    """A short name: the clause's subject, completed from the context when it has none."""
    subject = tidy_name(clause[:cue_at])
    after = re.sub(r"^(以上|以下|左右)?的?", "", clause[match.end() :])
    if unit in ("名", "人", "所"):
        subject = tidy_name(subject + after) if not subject.endswith("的") else subject
    elif not subject:
        subject = tidy_name(after)
    if METRIC_RE.search(subject):
        return subject
    if previous and unit == "比例":
        return subject + previous
    return subject + UNIT_NOUNS.get(unit, "")


def split_respectively(name: str) -> list[str]:
    """ "X宫颈癌、乳腺癌人群筛查率" -> [宫颈癌人群筛查率, 乳腺癌人群筛查率]."""
    items = name.split("、")
    if len(items) < 2:
        return [name]
    head = re.split(r"(?:岁|妇女|女性|的|中)", items[-2])[-1] or items[-2]
    suffix = items[-1][len(head) :] if len(items[-1]) > len(head) else ""
    heads = [re.split(r"(?:岁|妇女|女性|的|中)", item)[-1] or item for item in items[:-1]]
    return [h + suffix for h in heads] + [items[-1]]


def split_diseases(name: str) -> list[str]:
    """ "孕产妇艾滋病、梅毒和乙肝检测率" -> one name per disease, the rest of the name kept.
    Only a rate or share is split; a name listing no two diseases is returned as it is."""
    run = DISEASE_RUN_RE.search(name)
    if run is None or quantity_unit(name) is None:
        return [name]
    head, tail = name[: run.start()], name[run.end() :]
    return [head + disease + tail for disease in re.split("[、和及与]", run.group(0))]


def targets_in_clause(clause: str, previous: str | None) -> list[Indicator]:
    found: list[Indicator] = []
    for match in NUMBER_RE.finditer(clause):
        tail = clause[match.end() : match.end() + 2]
        suffix = tail if tail in SUFFIX_OPS else None
        prefix = clause[: match.start()]
        cue = find_cue(prefix)
        op = comparator(cue, suffix)
        if op is None:
            continue
        unit, value = unit_and_value(match)
        cue_at = cue[3] if cue else len(prefix)
        name = name_target(clause, match, cue_at, unit, previous)
        names = split_respectively(name) if "分别" in prefix else split_diseases(name)
        found += [Indicator(n, unit, config.KIND_TARGET, op, value, clause) for n in names]
        previous = name
    return found


def extract_targets(sentence: str) -> list[Indicator]:
    """Numeric targets of one sentence, in text order."""
    found: list[Indicator] = []
    for clause in clauses(sentence):
        found += targets_in_clause(clause, found[-1].name if found else None)
    return found


def direction_of(clause: str) -> list[Indicator]:
    """The clause's indicators when it names a direction (first direction word wins): one
    `direction` per measurable quantity (one per disease), else one `qualitative` goal."""
    hits = [(clause.find(w), w, "up") for w in UP_WORDS if w in clause]
    hits += [(clause.find(w), w, "down") for w in DOWN_WORDS if w in clause]
    if not hits:
        return []
    at, word, op = min(hits)
    before = tidy_name(clause[:at])
    after = tidy_name(clause[at + len(word) :])
    name = after if not before or re.search("[和并与及]$", clause[:at]) else before
    if not name:
        return []
    unit = quantity_unit(name)
    if unit is None:
        return [Indicator(tidy_name(clause), None, config.KIND_QUALITATIVE, None, None, clause)]
    return [Indicator(n, unit, config.KIND_DIRECTION, op, None, clause) for n in split_diseases(name)]


def goal_indicators(text: str) -> list[Indicator]:
    """All indicators of a goal in text order; at least one."""
    found: list[Indicator] = []
    for sentence in sentences(text):
        targets = extract_targets(sentence)
        found += targets or [d for clause in clauses(sentence) for d in direction_of(clause)]
    if not found:
        name = tidy_name(clauses(sentences(text)[0])[0]) if sentences(text) else text
        found = [Indicator(name or text, None, config.KIND_QUALITATIVE, None, None, text)]
    return found


def measure_indicators(text: str) -> list[Indicator]:
    """Numeric targets stated in a measure, in text order (measures need none)."""
    return [ind for sentence in sentences(text) for ind in extract_targets(sentence)]
