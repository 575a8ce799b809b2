"""Parse the structure of a women's development plan text into areas, goals and measures.

The structure is read from the text, not from this plan's names or counts: an area is a
heading "（一）……" whose next line is "1.主要目标"; its goals are the numbered items
"（1）……" up to "2.策略措施", its measures the numbered items after that, up to the next
area or chapter heading ("四、……"). Half-width punctuation ("(1)", "1.", "(牵头单位:…)"),
Word leftovers (`[bookmark: …]`, stray spaces) and lines broken inside a sentence are
tolerated; anything else inside an area is refused with the line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUM = "一二三四五六七八九十"
BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
AREA_RE = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*(\S.*)$")
CHAPTER_RE = re.compile(rf"^[{CN_NUM}]+\s*[、，.．]")
GOALS_HEAD_RE = re.compile(r"^\d+\s*[.．、]?\s*主要目标\s*$")
MEASURES_HEAD_RE = re.compile(r"^\d+\s*[.．、]?\s*策略措施\s*$")
ITEM_RE = re.compile(r"^[（(]\s*(\d+)\s*[）)]\s*(.*)$")
SECTION_RE = re.compile(r"^\d+\s*[.．、](?!\d)")
SENTENCE_END = "。；！？!?;）)"
UNITS_RE = re.compile(r"[（(]\s*((?:牵头单位|责任单位)\s*[：:].*)[）)]\s*[。.]?\s*$")
LEAD_RE = re.compile(r"牵头单位\s*[：:](.*?)(?:[。.；;，,]?\s*责任单位\s*[：:]|$)")
RESP_RE = re.compile(r"责任单位\s*[：:](.*)$")
SPLIT_UNITS_RE = re.compile(r"[、，,；;]")
AREA_PREFIX_RE = re.compile(r"^(?:妇女|儿童|女性)(?:与|参与)?")


@dataclass(frozen=True)
class Line:
    no: int  # 1-based number of the first physical line
    text: str


@dataclass(frozen=True)
class Goal:
    seq: int
    text: str
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]
    line_no: int


@dataclass(frozen=True)
class Measure:
    seq: int
    title: str
    text: str
    line_no: int


@dataclass(frozen=True)
class Area:
    seq: int
    name: str
    short_name: str
    goals: tuple[Goal, ...]
    measures: tuple[Measure, ...]
    line_no: int


class PlanParseError(ValueError):
    """The text lacks the expected structure; the message is in Chinese and names the line."""

    def __init__(self, line_no: int, line_text: str, reason: str) -> None:
        self.line_no, self.line_text, self.reason = line_no, line_text, reason
        shown = line_text if len(line_text) <= 40 else line_text[:40] + "……"
        super().__init__(f"规划文本解析失败：第{line_no}行“{shown}”：{reason}")


def tidy(text: str) -> str:
    """Drop Word bookmarks and whitespace next to a non-ASCII character (stray spaces)."""
    text = BOOKMARK_RE.sub("", text).replace("\u3000", " ").strip()
    text = re.sub(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+", "", text)
    return re.sub(r"\s+", " ", text)


def is_structural(text: str) -> bool:
    """A line that starts an item or a heading, so never continues the previous line."""
    return bool(AREA_RE.match(text) or ITEM_RE.match(text) or CHAPTER_RE.match(text) or SECTION_RE.match(text))


def is_heading(text: str) -> bool:
    """A short line without sentence punctuation (title, area or section heading)."""
    return not ITEM_RE.match(text) and not re.search("[。；，,;]", text) and len(text) <= 30


def clean_lines(text: str) -> list[Line]:
    """Tidied non-empty logical lines; a line broken inside a sentence is joined back."""
    lines: list[Line] = []
    prev_blank = True
    for no, raw in enumerate(text.splitlines(), start=1):
        cleaned = tidy(raw)
        if not cleaned:
            prev_blank = True
            continue
        last = lines[-1] if lines else None
        if (
            last
            and not prev_blank
            and not is_structural(cleaned)
            and not is_heading(last.text)
            and last.text[-1] not in SENTENCE_END
        ):
            lines[-1] = Line(last.no, last.text + cleaned)
        else:
            lines.append(Line(no, cleaned))
        prev_blank = False
    return lines


def split_units(item: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Split a goal into its text and the lead / responsible units of its parenthesis."""
    match = UNITS_RE.search(item)
    if not match:
        return item.strip(), (), ()
    inner = match.group(1)
    lead = LEAD_RE.search(inner)
    resp = RESP_RE.search(inner)
    return (
        item[: match.start()].strip(),
        names_of(lead.group(1) if lead else ""),
        names_of(resp.group(1) if resp else ""),
    )


def names_of(listing: str) -> tuple[str, ...]:
    """Unit names of one list, split on 、 (and commas of half-width variants)."""
    parts = (p.strip(" 。.") for p in SPLIT_UNITS_RE.split(listing))
    return tuple(p for p in parts if p)


def first_sentence(text: str) -> str:
    return re.split(r"[。！？!?]", text, maxsplit=1)[0].strip()


def short_name_of(name: str) -> str:
    return AREA_PREFIX_RE.sub("", name) or name


def find_areas(lines: list[Line]) -> list[int]:
    """Indexes of area headings: "（一）…" lines followed by a "主要目标" line."""
    return [
        i
        for i, line in enumerate(lines[:-1])
        if AREA_RE.match(line.text) and is_heading(line.text) and GOALS_HEAD_RE.match(lines[i + 1].text)
    ]


def read_items(
    lines: list[Line], start: int, stop_re: re.Pattern | None, what: str
) -> tuple[list[tuple[Line, str]], int]:
    """Numbered items from lines[start]; returns them and the index where they stop."""
    items: list[tuple[Line, str]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if (stop_re and stop_re.match(line.text)) or (
            not stop_re and (AREA_RE.match(line.text) or CHAPTER_RE.match(line.text))
        ):
            break
        match = ITEM_RE.match(line.text)
        if not match and stop_re and (AREA_RE.match(line.text) or CHAPTER_RE.match(line.text)):
            raise PlanParseError(line.no, line.text, "上一领域缺少“2.策略措施”标题")
        if not match:
            raise PlanParseError(line.no, line.text, f"应为{what}的编号条目（如“（{len(items) + 1}）”）")
        if int(match.group(1)) != len(items) + 1:
            raise PlanParseError(line.no, line.text, f"{what}编号应为（{len(items) + 1}），实际为（{match.group(1)}）")
        items.append((line, match.group(2).strip()))
        i += 1
    if not items:
        where = lines[min(i, len(lines) - 1)]
        raise PlanParseError(where.no, where.text, f"未找到任何{what}条目")
    return items, i


def parse_area(lines: list[Line], head: int, seq: int) -> tuple[Area, int]:
    """One area starting at its heading; returns the area and the index after it."""
    name = AREA_RE.match(lines[head].text).group(2).strip()
    goal_items, i = read_items(lines, head + 2, MEASURES_HEAD_RE, "主要目标")
    if i >= len(lines):
        raise PlanParseError(lines[-1].no, lines[-1].text, f"领域“{name}”缺少“2.策略措施”")
    measure_items, end = read_items(lines, i + 1, None, "策略措施")
    goals = tuple(Goal(n, *split_units(text), line.no) for n, (line, text) in enumerate(goal_items, 1))
    for goal in goals:
        if not goal.text:
            raise PlanParseError(goal.line_no, lines[head].text, "目标条目没有内容")
    measures = tuple(Measure(n, first_sentence(text), text, line.no) for n, (line, text) in enumerate(measure_items, 1))
    return Area(seq, name, short_name_of(name), goals, measures, lines[head].no), end


def parse_plan(text: str) -> list[Area]:
    """All development areas of a plan text, in text order; PlanParseError if none."""
    lines = clean_lines(text)
    if not lines:
        raise PlanParseError(1, "", "文本为空")
    heads = find_areas(lines)
    if not heads:
        raise PlanParseError(
            lines[-1].no, lines[-1].text, "读到文本末尾仍未找到发展领域（应为“（一）领域名称”且下一行为“1.主要目标”）"
        )
    areas: list[Area] = []
    for seq, head in enumerate(heads, 1):
        area, end = parse_area(lines, head, seq)
        nxt = heads[seq] if seq < len(heads) else None
        if nxt is not None and end != nxt:
            raise PlanParseError(lines[end].no, lines[end].text, "领域之间出现无法识别的内容")
        areas.append(area)
    return areas


def locate(raw: str, snippet: str) -> str:
    """The exact substring of the raw text that reads as snippet once stray spaces and
    line breaks are ignored (snippet itself when it already occurs)."""
    if snippet in raw:
        return snippet
    pattern = r"\s*".join(re.escape(ch) for ch in snippet)
    match = re.search(pattern, raw)
    return match.group(0) if match else snippet
