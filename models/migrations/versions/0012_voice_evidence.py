"""voice evidence: a voice note sent at the evidence question is evidence unless heard as a short option answer

Revision ID: 0012_voice_evidence
Revises: 0011_voice_undo
Create Date: 2026-12-03 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_voice_evidence'
down_revision: str | None = '0011_voice_undo'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('voicejob', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('voicejob', schema=None) as batch_op:
        batch_op.drop_column('evidence')
