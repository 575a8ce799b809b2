"""Department names of the goals' parentheses: canonical names, aliases and kinds.

Rules (taken from the text, no list of this district's departments):
- An entry "A等B" (区妇联等区妇儿工委有关成员单位) names two units: the department A and
  the collective B; both are kept, in that order.
- An entry that is another entry without its final 局 / 分局 (区人力资源和社会保障 next to
  区人力资源和社会保障局) is an irregular spelling: it maps to the full name, and the
  spelling is kept in that department's aliases. Spaces and half-width brackets are
  normalised the same way.
- Collective entries (有关行业主管部门, 区妇儿工委各成员单位, 特邀单位,
  各区管社会组织业务主管单位 …) get kind `group`; every other entry is a `department`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

KIND_DEPARTMENT = "department"
KIND_GROUP = "group"
MISSING_SUFFIXES = ("局", "分局")
GROUP_RE = re.compile(r"(有关|相关|^各|各成员|成员单位|特邀单位|主管部门$|主管单位$|等单位$)")
ETC_RE = re.compile(r"^(?P<head>[^等]+?)等(?P<tail>.+)$")


def kind_of(name: str) -> str:
    """`group` for a collective entry, else `department`."""
    return KIND_GROUP if GROUP_RE.search(name) else KIND_DEPARTMENT


def normalise(name: str) -> str:
    """Spelling without spaces and with full-width brackets."""
    return re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")


def split_entry(entry: str) -> list[str]:
    """One listed entry as unit names: "A等B" with B collective gives [A, B]."""
    match = ETC_RE.match(entry)
    if match and kind_of(match.group("tail")) == KIND_GROUP:
        return [match.group("head"), match.group("tail")]
    return [entry]


def expand(entries: Iterable[str]) -> list[str]:
    """Listed entries as unit names, in order (spellings still as written)."""
    return [name for entry in entries for name in split_entry(entry)]


def build_alias_map(names: Iterable[str]) -> dict[str, str]:
    """Spelling as written -> canonical name, for every name found."""
    spellings = sorted(set(names))
    normalised = {s: normalise(s) for s in spellings}
    full = set(normalised.values())
    mapping: dict[str, str] = {}
    for spelling, norm in normalised.items():
        completions = [norm + suffix for suffix in MISSING_SUFFIXES if norm + suffix in full]
        mapping[spelling] = completions[0] if completions else norm
    return mapping


def canonical_units(entries: Iterable[str], alias_map: dict[str, str]) -> list[str]:
    """Canonical unit names of one list, order kept, duplicates dropped."""
    seen: list[str] = []
    for name in expand(entries):
        canonical = alias_map.get(name, normalise(name))
        if canonical not in seen:
            seen.append(canonical)
    return seen


def build_departments(goal_units: list[tuple[list[str], list[str]]], alias_map: dict[str, str]) -> pd.DataFrame:
    """departments table from (raw lead entries, raw responsible entries) of each goal."""
    names: dict[str, dict] = {}
    for leads, resps in goal_units:
        for role, entries in (("n_lead", leads), ("n_responsible", resps)):
            for canonical in canonical_units(entries, alias_map):
                row = names.setdefault(canonical, {"n_lead": 0, "n_responsible": 0})
                row[role] += 1
    aliases: dict[str, list[str]] = {name: [] for name in names}
    for spelling, canonical in alias_map.items():
        if spelling != canonical and canonical in aliases:
            aliases[canonical].append(spelling)
    rows = [
        {
            "name": name,
            "kind": kind_of(name),
            "aliases": sorted(aliases[name]),
            "n_lead": counts["n_lead"],
            "n_responsible": counts["n_responsible"],
        }
        for name, counts in names.items()
    ]
    frame = pd.DataFrame(rows, columns=["name", "kind", "aliases", "n_lead", "n_responsible"])
    # departments before groups, each by name (code point order: deterministic)
    return frame.sort_values(["kind", "name"], kind="stable").reset_index(drop=True)
