"""admin in chat: case clocks and card versions, cards, the admin outbox, prompts, information requests
to citizens and their answers, the audit trail, and scheduled jobs (the daily digest)

Numbered 0005 but chained after 0006_ops, which was written in parallel, so the history has one head.

Revision ID: 0005_admin
Revises: 0006_ops
Create Date: 2026-11-28 00:39:08.377078
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005_admin'
down_revision: str | None = '0006_ops'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('adminaudit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('chat_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('adminaudit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adminaudit_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_adminaudit_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('adminjob',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('admincard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('shown_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('admincard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admincard_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index('ix_admincard_message', ['chat_id', 'message_id'], unique=False)

    op.create_table('admincase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status_seen', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('clock', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('clock_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('remind_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('complaint_id')
    )
    with op.batch_alter_table('admincase', schema=None) as batch_op:
        batch_op.create_index('ix_admincase_due', ['escalated_at', 'due_at'], unique=False)
        batch_op.create_index('ix_admincase_remind', ['reminded_at', 'remind_at'], unique=False)

    op.create_table('adminprompt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('chat_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('adminprompt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adminprompt_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index('ix_adminprompt_message', ['chat_id', 'message_id'], unique=False)

    op.create_table('inforequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('asked_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('media_group', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], ),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inforequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inforequest_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index('ix_inforequest_open', ['citizen_id', 'answered_at'], unique=False)

    op.create_table('adminoutbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('prompt_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['admincard.id'], ),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.ForeignKeyConstraint(['prompt_id'], ['adminprompt.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('adminoutbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adminoutbox_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index('ix_adminoutbox_pending', ['status', 'id'], unique=False)

    op.create_table('inforeply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('update_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('file_ref', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['inforequest.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('update_key')
    )
    with op.batch_alter_table('inforeply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inforeply_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inforeply_request_id'), ['request_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('inforeply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inforeply_request_id'))
        batch_op.drop_index(batch_op.f('ix_inforeply_complaint_id'))

    op.drop_table('inforeply')
    with op.batch_alter_table('adminoutbox', schema=None) as batch_op:
        batch_op.drop_index('ix_adminoutbox_pending')
        batch_op.drop_index(batch_op.f('ix_adminoutbox_complaint_id'))

    op.drop_table('adminoutbox')
    with op.batch_alter_table('inforequest', schema=None) as batch_op:
        batch_op.drop_index('ix_inforequest_open')
        batch_op.drop_index(batch_op.f('ix_inforequest_complaint_id'))

    op.drop_table('inforequest')
    with op.batch_alter_table('adminprompt', schema=None) as batch_op:
        batch_op.drop_index('ix_adminprompt_message')
        batch_op.drop_index(batch_op.f('ix_adminprompt_complaint_id'))

    op.drop_table('adminprompt')
    with op.batch_alter_table('admincase', schema=None) as batch_op:
        batch_op.drop_index('ix_admincase_remind')
        batch_op.drop_index('ix_admincase_due')

    op.drop_table('admincase')
    with op.batch_alter_table('admincard', schema=None) as batch_op:
        batch_op.drop_index('ix_admincard_message')
        batch_op.drop_index(batch_op.f('ix_admincard_complaint_id'))

    op.drop_table('admincard')
    op.drop_table('adminjob')
    with op.batch_alter_table('adminaudit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adminaudit_complaint_id'))
        batch_op.drop_index(batch_op.f('ix_adminaudit_at'))

    op.drop_table('adminaudit')
