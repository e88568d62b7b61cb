"""ops: job leases for replicas, emergency-notice marks, erasure audit, inbound (citizen, time) index

Revision ID: 0006_ops
Revises: 0004_whatsapp
Create Date: 2026-11-29 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0006_ops'
down_revision: str | None = '0004_whatsapp'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'opslease',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('holder', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column('until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('mark', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_table(
        'citizenguard',
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('emergency_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id']),
        sa.PrimaryKeyConstraint('citizen_id'),
    )
    op.create_table(
        'erasure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('complaints', sa.Integer(), nullable=False),
        sa.Column('messages', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.create_index('ix_erasure_citizen_id', ['citizen_id'], unique=False)
    with op.batch_alter_table('inboundmessage', schema=None) as batch_op:
        batch_op.create_index('ix_inbound_citizen_received', ['citizen_id', 'received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inboundmessage', schema=None) as batch_op:
        batch_op.drop_index('ix_inbound_citizen_received')
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.drop_index('ix_erasure_citizen_id')
    op.drop_table('erasure')
    op.drop_table('citizenguard')
    op.drop_table('opslease')
