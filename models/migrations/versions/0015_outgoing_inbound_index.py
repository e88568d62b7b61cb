"""the outbox's inbound_id index goes: no query of PostgreSQL's used it, and on SQLite only an erasure's sweep

ix_outgoingmessage_inbound_id cost every commit that queued a reply a page of its own (the reply's id is the
newest: its right-hand leaf, written again each time). What reads outgoing rows by inbound_id is only the erasure's
sweep of the rows about a citizen (models/privacy_store.py: its citizen_id OR inbound_id link), which PostgreSQL's
planner answers with a scan of the table whatever the indexes; SQLite now scans it too (about 0.15 s a million rows,
once per erasure). No parent row is ever deleted, so no foreign-key check looks for children by it either.
ix_outgoingmessage_citizen_id stays: a voice read-back and the erasure's blanking read by it.

Revision ID: 0015_outgoing_inbound_index
Revises: 0014_lean_indexes
Create Date: 2026-12-04 21:50:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0015_outgoing_inbound_index'
down_revision: str | None = '0014_lean_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index('ix_outgoingmessage_inbound_id', table_name='outgoingmessage')


def downgrade() -> None:
    op.create_index('ix_outgoingmessage_inbound_id', 'outgoingmessage', ['inbound_id'], unique=False)
