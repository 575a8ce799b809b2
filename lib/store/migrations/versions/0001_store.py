"""The store: versions, versioned observations / assessments / accountable, accounts, audit log, texts, settings.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _versioned(name: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_from", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("version_to", sa.Integer, sa.ForeignKey("versions.id")),
        *columns,
    )
    op.create_index(f"ix_{name}_live", name, ["version_to", "indicator_id"])


def _append_only(table: str) -> None:
    """The database itself refuses to change or delete a row of the table (the audit log)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'append-only table'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'append-only table'); END"
        )


def upgrade() -> None:
    op.create_table(
        "head", sa.Column("id", sa.Integer, primary_key=True), sa.Column("version", sa.Integer, nullable=False)
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("file_name", sa.String(300)),
        sa.Column("checksum", sa.String(64)),
        sa.Column("base_version", sa.Integer),
        sa.Column("restored_from", sa.Integer),
        sa.Column("summary", sa.Text, nullable=False),
    )
    _versioned(
        "observations",
        sa.Column("indicator_id", sa.String(40), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("subgroup", sa.String(100)),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("numerator", sa.Float),
        sa.Column("denominator", sa.Float),
        sa.Column("data_status", sa.String(20)),
        sa.Column("source", sa.String(200)),
        sa.Column("note", sa.Text),
        sa.Column("is_sample", sa.Boolean, nullable=False),
    )
    _versioned(
        "assessments",
        sa.Column("indicator_id", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("rating", sa.String(20), nullable=False),
        sa.Column("narrative", sa.Text),
        sa.Column("department", sa.String(200)),
        sa.Column("is_sample", sa.Boolean, nullable=False),
    )
    _versioned(
        "accountable",
        sa.Column("indicator_id", sa.String(40), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("basis", sa.String(200)),
    )
    op.create_table(
        "accounts",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("department", sa.String(200)),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", TZ),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("user_name", sa.String(100)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("origin", sa.String(200)),
        sa.Column("version", sa.Integer),
    )
    _append_only("audit_log")
    op.create_table(
        "report_texts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(100)),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS refuse_change()")
    for name in ("settings", "report_texts", "audit_log", "accounts", "accountable", "assessments", "observations"):
        op.drop_table(name)
    op.drop_table("versions")
    op.drop_table("head")
