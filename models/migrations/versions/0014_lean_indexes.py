"""lean indexes: the pending indexes cover only the rows still to do; the inbound log's citizen_id index goes

ix_inbound_pending and ix_outgoing_pending become partial indexes (a row recorded handled or marked sent is not in
them, so a turn's commit writes fewer index pages); ix_inboundmessage_citizen_id repeated the leading column of
ix_inbound_citizen_received (0006), which serves its lookups.

Revision ID: 0014_lean_indexes
Revises: 0013_incident_precision
Create Date: 2026-12-04 19:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014_lean_indexes'
down_revision: str | None = '0013_incident_precision'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# as models/tables.py declares them; queries name the same terms (INBOUND_PENDING, OUTGOING_LIVE)
INBOUND_PENDING = "status = 'pending'"
OUTGOING_LIVE = "status != 'sent'"


def upgrade() -> None:
    op.drop_index('ix_inboundmessage_citizen_id', table_name='inboundmessage')
    op.drop_index('ix_inbound_pending', table_name='inboundmessage')
    op.create_index('ix_inbound_pending', 'inboundmessage', ['status', 'id'], unique=False,
                    sqlite_where=sa.text(INBOUND_PENDING), postgresql_where=sa.text(INBOUND_PENDING))
    op.drop_index('ix_outgoing_pending', table_name='outgoingmessage')
    op.create_index('ix_outgoing_pending', 'outgoingmessage', ['status', 'channel', 'id'], unique=False,
                    sqlite_where=sa.text(OUTGOING_LIVE), postgresql_where=sa.text(OUTGOING_LIVE))


def downgrade() -> None:
    op.drop_index('ix_outgoing_pending', table_name='outgoingmessage')
    op.create_index('ix_outgoing_pending', 'outgoingmessage', ['status', 'channel', 'id'], unique=False)
    op.drop_index('ix_inbound_pending', table_name='inboundmessage')
    op.create_index('ix_inbound_pending', 'inboundmessage', ['status', 'id'], unique=False)
    op.create_index('ix_inboundmessage_citizen_id', 'inboundmessage', ['citizen_id'], unique=False)
