"""Which indicator names are measurable quantities, and their unit, read from the wording.

A name is a quantity when its head noun (the end of the name, as Chinese puts the head
last) is one anyone counts: a share or rate, a life expectancy, years of schooling, a
count of people or facilities, a ratio, a time. The unit follows from that noun
(QUANTITY_UNITS, first match wins). A name ending in 水平, 意识, 能力, 功能, 作用, 力度, 素养,
质量, 影响, 危害, 趋势 or 差距 of a level is not a quantity: it names a direction but nothing
counted, so it is judged like a qualitative goal. 素养水平 is the exception that is counted:
健康素养水平 and 心理健康素养水平 are the published shares of residents with basic literacy.
"""

from __future__ import annotations

import re

# (pattern on the end of the name, unit), first match wins
QUANTITY_UNITS: tuple[tuple[str, str], ...] = (
    (r"预期寿命$", "岁"),
    (r"受教育年限$|年限$", "年"),
    (r"(?:死亡率|发病率)$", "1/10万"),
    (r"之比$", "比例"),
    (r"(?:率|比例|比重|占比|素养水平)$", "%"),
    (r"(?:人数|人次)$", "人"),
    (r"(?:机构数量|机构数|所数)$", "所"),
    (r"(?:个数|数量)$", "个"),
    (r"时间差距$|时间$", "分钟/日"),
)


def quantity_unit(name: str) -> str | None:
    """The unit of a measurable quantity named by `name`, None when nothing counted is named."""
    for pattern, unit in QUANTITY_UNITS:
        if re.search(pattern, name.strip()):
            return unit
    return None


def is_quantity(name: str) -> bool:
    return quantity_unit(name) is not None
