"""The store's tables (SQLAlchemy Core). The migrations create exactly these; a test compares the two.

Versioned rows: a row is live from `version_from` until `version_to` (NULL while it is current); a change
closes the old row and adds a new one, so every version can be read back and nothing is ever deleted.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

head = Table(  # one row: the current version; a commit moves it with a compare-and-set
    "head",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("action", String(40), nullable=False),  # 初始数据 / 导入 / 恢复 / 设定负责单位 / 审核通过
    Column("file_name", String(300)),
    Column("checksum", String(64)),  # SHA-256 of the uploaded file
    Column("base_version", Integer),
    Column("restored_from", Integer),
    Column("summary", Text, nullable=False),  # JSON: counts and per-indicator changes
)


def _versioned(name: str, *columns: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("row_id", Integer, primary_key=True, autoincrement=True),
        Column("version_from", Integer, ForeignKey("versions.id"), nullable=False),
        Column("version_to", Integer, ForeignKey("versions.id")),
        *columns,
        Index(f"ix_{name}_live", "version_to", "indicator_id"),
    )


observations = _versioned(
    "observations",
    Column("indicator_id", String(40), nullable=False),
    Column("region", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("subgroup", String(100)),
    Column("value", Float, nullable=False),
    Column("numerator", Float),
    Column("denominator", Float),
    Column("data_status", String(20)),
    Column("source", String(200)),
    Column("note", Text),
    Column("is_sample", Boolean, nullable=False),
)

assessments = _versioned(
    "assessments",
    Column("indicator_id", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("rating", String(20), nullable=False),
    Column("narrative", Text),
    Column("department", String(200)),
    Column("is_sample", Boolean, nullable=False),
)

accountable = _versioned(
    "accountable",
    Column("indicator_id", String(40), nullable=False),
    Column("department", String(200), nullable=False),
    Column("basis", String(200)),
)

accounts = Table(
    "accounts",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("department", String(200)),
    Column("password_hash", String(200), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(  # append-only: the store never updates or deletes a row of it
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(100)),
    Column("action", String(40), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("detail", Text),
    Column("origin", String(200)),
    Column("version", Integer),
)

report_texts = Table(  # the office's texts of the report; every save is a row, the latest per (year, section) wins
    "report_texts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),
    Column("section", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(100)),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(60), primary_key=True),
    Column("value", String(200), nullable=False),
)

# ---------------------------------------------------------------- the annual reporting round (issue 10)
# rows are only ever added: an entry's state changes by a newer row of the same (year, indicator); the latest wins

rounds = Table(
    "rounds",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("deadline", Date, nullable=False),
    Column("opened_by", String(100), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed_by", String(100)),
    Column("closed_at", DateTime(timezone=True)),
)

round_expected = Table(  # the (department, indicator) pairs fixed when the round opens
    "round_expected",
    metadata,
    Column("year", Integer, ForeignKey("rounds.year"), primary_key=True, autoincrement=False),
    Column("indicator_id", String(40), primary_key=True),
    Column("department", String(200), nullable=False),
)

round_entries = Table(
    "round_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, ForeignKey("rounds.year"), nullable=False),
    Column("indicator_id", String(40), nullable=False),
    Column("department", String(200), nullable=False),
    Column("value", Float),
    Column("rating", String(20)),
    Column("note", Text),  # 备注 of a value, 情况说明 of a rating
    Column("explanation", Text),  # 说明 of an unusual move against last year
    Column("state", String(20), nullable=False),  # 草稿 / 已报送 / 已退回 / 已通过
    Column("by", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("version", Integer),  # the data version an accepted row went into
    Index("ix_round_entries_pair", "year", "indicator_id"),
)

round_reviews = Table(
    "round_reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", Integer, ForeignKey("round_entries.id"), nullable=False),
    Column("decision", String(20), nullable=False),  # 通过 / 退回
    Column("comment", Text),
    Column("by", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

VERSIONED = {"observations": observations, "assessments": assessments, "accountable": accountable}
