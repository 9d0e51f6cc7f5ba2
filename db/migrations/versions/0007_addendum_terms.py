"""addendum terms: the citizen's goal, purpose and benefit of a placement,
ordinary hours of a wage version, consent to share a skånehensyn's source

Revision ID: 0007
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('citizen_goal', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('purpose', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('benefit', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('wage_agreement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ordinary_hours', sa.Float(), nullable=False, server_default='0'))
    with op.batch_alter_table('accommodation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('share_consent', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('accommodation', schema=None) as batch_op:
        batch_op.drop_column('share_consent')
    with op.batch_alter_table('wage_agreement', schema=None) as batch_op:
        batch_op.drop_column('ordinary_hours')
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_column('benefit')
        batch_op.drop_column('purpose')
        batch_op.drop_column('citizen_goal')
