"""the change log's index on row_id dropped: no query reads the log by row

Revision ID: s0010_fs
Revises: s0009

The log is read by change id (a change is applied once) and kept in the
order of its team's seq; s0009 was the last to join on row_id. Every pushed
change paid for the index (a first full sync writes 130,000 log rows).
"""
from alembic import op

revision = 's0010_fs'
down_revision = 's0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_row_id')


def downgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index('ix_change_log_row_id', ['row_id'], unique=False)
