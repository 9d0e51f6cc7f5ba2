"""change log without values; purged rows; failed logins

Revision ID: s0004
Revises: s0001
"""
import sqlalchemy as sa
from alembic import op

revision = 's0004'
down_revision = 's0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_column('fields')
    op.create_table('purged',
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('team', sa.String(length=100), nullable=False),
    sa.Column('citizen_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('row_id', name=op.f('pk_purged'))
    )
    with op.batch_alter_table('purged', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purged_citizen_id'), ['citizen_id'], unique=False)
    op.create_table('login_attempt',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt'))
    )
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_key_at', ['key', 'at'], unique=False)


def downgrade() -> None:
    op.drop_table('login_attempt')
    op.drop_table('purged')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fields', sa.JSON(), nullable=False, server_default='{}'))
