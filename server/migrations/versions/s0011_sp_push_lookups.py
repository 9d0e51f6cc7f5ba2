"""a partial index of the deleted records, by id

Revision ID: s0011_sp
Revises: s0010_fs

A push asks which of its rows' parents are deleted (a child of a deleted
parent is a conflict, server.orphans): the partial index answers from the
few deleted rows, where the primary key had every parent looked up (a
first full sync's children point to some hundred thousand live ones).
"""
import sqlalchemy as sa
from alembic import op

revision = 's0011_sp'
down_revision = 's0010_fs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_record_deleted_id', 'record', ['id'], unique=False,
                    postgresql_where=sa.text('deleted'), sqlite_where=sa.text('deleted'))


def downgrade() -> None:
    op.drop_index('ix_record_deleted_id', table_name='record')
