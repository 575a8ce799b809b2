"""One record for every problem found in data: a table read from disk or an uploaded sheet."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "错误"  # blocks the import or the read
NOTICE = "提示"  # shown, does not block


@dataclass(frozen=True)
class Problem:
    """Where (table file or sheet name), row (1-based as the user counts; None for the whole
    table or file), column (as the user sees it), the Chinese message and its level."""

    source: str
    row: int | None
    column: str | None
    message: str
    level: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def __str__(self) -> str:
        where = self.source + (f" 第{self.row}行" if self.row is not None else "")
        where += f" 〔{self.column}〕" if self.column else ""
        return f"{where}：{'' if self.is_error else '（提示）'}{self.message}"


def notice(source: str, row: int | None, column: str | None, message: str) -> Problem:
    return Problem(source, row, column, message, level=NOTICE)
