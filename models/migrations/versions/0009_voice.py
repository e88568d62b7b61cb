"""voice: transcription jobs, the spoken-prompt cache (clips and channel uploads), mode suara per citizen

Revision ID: 0009_voice
Revises: 0008_poison
Create Date: 2026-12-02 22:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009_voice'
down_revision: str | None = '0008_poison'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'voicejob',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('inbound_id', sa.Integer(), nullable=False),
        sa.Column('channel', _S(length=16), nullable=False),
        sa.Column('chat_id', _S(length=128), nullable=False),
        sa.Column('file_ref', _S(length=255), nullable=False),
        sa.Column('kind', _S(length=16), nullable=False),
        sa.Column('mime', _S(length=128), nullable=True),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.Column('name', _S(length=255), nullable=True),
        sa.Column('locale', _S(length=8), nullable=False),
        sa.Column('status', _S(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('notified', sa.Boolean(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=True),
        sa.Column('transcript', sa.Text(), nullable=True),
        sa.Column('error', _S(length=255), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id']),
        sa.ForeignKeyConstraint(['inbound_id'], ['inboundmessage.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('inbound_id'),
    )
    op.create_index('ix_voicejob_citizen_id', 'voicejob', ['citizen_id'])
    op.create_index('ix_voicejob_status', 'voicejob', ['status', 'id'])
    op.create_table(
        'voiceclip',
        sa.Column('key', _S(length=64), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    op.create_table(
        'voiceupload',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', _S(length=64), nullable=False),
        sa.Column('channel', _S(length=16), nullable=False),
        sa.Column('file_ref', _S(length=255), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key', 'channel', name='uq_voiceupload_key_channel'),
    )
    op.create_table(
        'voicemode',
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('mode', _S(length=16), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id']),
        sa.PrimaryKeyConstraint('citizen_id'),
    )


def downgrade() -> None:
    op.drop_table('voicemode')
    op.drop_table('voiceupload')
    op.drop_table('voiceclip')
    op.drop_index('ix_voicejob_status', table_name='voicejob')
    op.drop_index('ix_voicejob_citizen_id', table_name='voicejob')
    op.drop_table('voicejob')
