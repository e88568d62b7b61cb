"""inclusion: a citizen's simple mode (plain numbered text for screen readers and low literacy)

Revision ID: 0010_inclusion
Revises: 0009_voice
Create Date: 2026-12-02 22:15:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010_inclusion'
down_revision: str | None = '0009_voice'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('simple_mode', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_column('simple_mode')
