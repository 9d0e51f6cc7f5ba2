"""sync: refused outgoing changes are held in the outbox with the server's
reason; pulled rows that cannot be stored are set aside in their own table

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('outbox', sa.Column('held_reason', sa.Text(), nullable=True))
    op.create_table(
        'sync_set_aside',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entity', sa.String(length=50), nullable=False),
        sa.Column('row_id', sa.String(length=36), nullable=False),
        sa.Column('record', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_set_aside')),
    )
    with op.batch_alter_table('sync_set_aside', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_set_aside_row_id'), ['row_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_set_aside', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_set_aside_row_id'))
    op.drop_table('sync_set_aside')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('held_reason')
