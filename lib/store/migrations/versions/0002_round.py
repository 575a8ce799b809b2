"""The annual reporting round: rounds, their expected (department, indicator) pairs, entries, reviews.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("opened_at", TZ, nullable=False),
        sa.Column("closed_by", sa.String(100)),
        sa.Column("closed_at", TZ),
    )
    op.create_table(
        "round_expected",
        sa.Column("year", sa.Integer, sa.ForeignKey("rounds.year"), primary_key=True, autoincrement=False),
        sa.Column("indicator_id", sa.String(40), primary_key=True),
        sa.Column("department", sa.String(200), nullable=False),
    )
    op.create_table(
        "round_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer, sa.ForeignKey("rounds.year"), nullable=False),
        sa.Column("indicator_id", sa.String(40), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("rating", sa.String(20)),
        sa.Column("note", sa.Text),
        sa.Column("explanation", sa.Text),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("version", sa.Integer),
    )
    op.create_index("ix_round_entries_pair", "round_entries", ["year", "indicator_id"])
    op.create_table(
        "round_reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("round_entries.id"), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("at", TZ, nullable=False),
    )


def downgrade() -> None:
    for name in ("round_reviews", "round_entries", "round_expected", "rounds"):
        op.drop_table(name)
