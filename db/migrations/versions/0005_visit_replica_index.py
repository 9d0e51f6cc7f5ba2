"""visit index covering the replica checksum (id, version, deleted_at)

Revision ID: 0005
Revises: 0007
Create Date: 2026-11-30
"""
from alembic import op

revision = '0005'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_replica', ['id', 'version', 'deleted_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_replica')
