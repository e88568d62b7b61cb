"""incident precision: the complaint keeps how honestly its date was said (precision, hour, part of day)

Revision ID: 0013_incident_precision
Revises: 0012_voice_evidence
Create Date: 2026-12-04 09:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013_incident_precision'
down_revision: str | None = '0012_voice_evidence'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # nullable: complaints filed before this revision keep NULL (their date, if any, was never qualified)
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('incident_date_precision', sqlmodel.sql.sqltypes.AutoString(length=16),
                                      nullable=True))
        batch_op.add_column(sa.Column('incident_time', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True))
        batch_op.add_column(sa.Column('incident_part', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_column('incident_part')
        batch_op.drop_column('incident_time')
        batch_op.drop_column('incident_date_precision')
