"""signatures and files of tillægsaftale versions

Revision ID: 0008
Revises: 0011
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0011'
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [sa.Column('id', sa.String(length=36), nullable=False),
            sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=False),
            sa.Column('version', sa.Integer(), nullable=False),
            sa.Column('deleted_at', sa.DateTime(), nullable=True)]


def upgrade() -> None:
    op.create_table('addendum_signature',
    sa.Column('addendum_id', sa.String(length=36), nullable=False),
    sa.Column('party', sa.String(length=20), nullable=False),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('signer_title', sa.String(length=200), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('strokes', sa.Text(), nullable=False),
    sa.Column('terms_hash', sa.String(length=64), nullable=False),
    *_synced(),
    sa.ForeignKeyConstraint(['addendum_id'], ['addendum.id'],
                            name=op.f('fk_addendum_signature_addendum_id_addendum')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addendum_signature'))
    )
    with op.batch_alter_table('addendum_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addendum_signature_addendum_id'), ['addendum_id'], unique=False)
    op.create_table('addendum_file',
    sa.Column('addendum_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('media_type', sa.String(length=50), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('terms_hash', sa.String(length=64), nullable=False),
    *_synced(),
    sa.ForeignKeyConstraint(['addendum_id'], ['addendum.id'],
                            name=op.f('fk_addendum_file_addendum_id_addendum')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addendum_file'))
    )
    with op.batch_alter_table('addendum_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addendum_file_addendum_id'), ['addendum_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('addendum_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_addendum_file_addendum_id'))
    op.drop_table('addendum_file')
    with op.batch_alter_table('addendum_signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_addendum_signature_addendum_id'))
    op.drop_table('addendum_signature')
