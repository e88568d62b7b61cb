"""whatsapp: delivery receipts of sent messages (status webhooks) and the media citizens sent

Revision ID: 0004_whatsapp
Revises: 0002_surveys
Create Date: 2026-11-28 00:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0004_whatsapp'
down_revision: str | None = '0002_surveys'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'deliveryreceipt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('channel_message_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column('outgoing_id', sa.Integer(), nullable=True),
        sa.Column('part', sa.Integer(), nullable=False),
        sa.Column('attempt', sa.Integer(), nullable=False),
        sa.Column('template', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('error_code', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['outgoing_id'], ['outgoingmessage.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel', 'channel_message_id', name='uq_receipt_channel_message'),
    )
    with op.batch_alter_table('deliveryreceipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveryreceipt_outgoing_id'), ['outgoing_id'], unique=False)

    op.create_table(
        'mediafile',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column('inbound_id', sa.Integer(), nullable=True),
        sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['inbound_id'], ['inboundmessage.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel', 'ref', name='uq_mediafile_ref'),
    )
    with op.batch_alter_table('mediafile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediafile_inbound_id'), ['inbound_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mediafile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediafile_inbound_id'))
    op.drop_table('mediafile')
    with op.batch_alter_table('deliveryreceipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveryreceipt_outgoing_id'))
    op.drop_table('deliveryreceipt')
