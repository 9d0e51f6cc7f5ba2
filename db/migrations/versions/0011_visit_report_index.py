"""covering visit index for the team leader's report

Revision ID: 0011
Revises: 0004
Create Date: 2026-11-30
"""
from alembic import op

revision = '0011'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_status_at_cover',
                              ['status', 'at', 'deleted_at', 'citizen_id', 'placement_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_status_at_cover')
