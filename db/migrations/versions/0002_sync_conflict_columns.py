"""sync: conflict records carry the base value, both laptops and a resolution

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('base_value', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('winner_node', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('loser_node', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('resolution', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_column('resolution')
        batch_op.drop_column('loser_node')
        batch_op.drop_column('winner_node')
        batch_op.drop_column('base_value')
