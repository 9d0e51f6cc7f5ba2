"""covering indexes for the team leader's report

The report reads every live placement (with its citizen's coach), every
recorded week and every wage version: from these indexes, already in the
order it uses, instead of the tables' wide rows (texts, notes) and a sort.

Revision ID: 0012_rp
Revises: 0005
Create Date: 2026-11-30
"""
from alembic import op

revision = '0012_rp'
down_revision = '0005'
branch_labels = None
depends_on = None

INDEXES = (
    ('placement', 'ix_placement_report', ['deleted_at', 'citizen_id', 'start_date', 'id', 'placement_type',
                                          'end_date', 'planned_end', 'company_id', 'coach_id']),
    ('citizen', 'ix_citizen_report', ['id', 'deleted_at', 'coach_id']),
    ('hours_record', 'ix_hours_record_report', ['placement_id', 'deleted_at', 'week_start', 'attendance_hours',
                                                'paid_hours', 'ordinary_hours']),
    ('wage_agreement', 'ix_wage_agreement_report', ['placement_id', 'deleted_at', 'valid_from', 'version_no',
                                                    'attendance_hours']),
)


def upgrade() -> None:
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _ in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
