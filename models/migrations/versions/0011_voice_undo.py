"""voice undo: the conversation state before a spoken answer was used at once ("salah" puts it back)

Revision ID: 0011_voice_undo
Revises: 0010_inclusion
Create Date: 2026-12-03 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_voice_undo'
down_revision: str | None = '0010_inclusion'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('voicejob', schema=None) as batch_op:
        batch_op.add_column(sa.Column('before', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('voicejob', schema=None) as batch_op:
        batch_op.drop_column('before')
