"""the sequence per team: team_seq counters, change_log keyed by (team, seq)

Revision ID: s0009
Revises: s0007

Each team (scope) gets its own counter, locked by its own pushes only. The
counters start at the highest seq a team's rows or log entries carry, so
every cursor a client holds stays valid (cursors are seqs of its team's
rows) and new numbers never collide with old ones.
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = 's0009'
down_revision = 's0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('team_seq',
    sa.Column('team', sa.String(length=100), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('team', name=op.f('pk_team_seq'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team', sa.String(length=100), nullable=False, server_default=''))
    # A log entry's team is that of its row (rows never change team).
    op.execute("UPDATE change_log SET team = record.team FROM record WHERE record.id = change_log.row_id"
               if op.get_bind().dialect.name == "postgresql" else
               "UPDATE change_log SET team = COALESCE((SELECT team FROM record WHERE record.id = change_log.row_id), '')")
    op.execute("INSERT INTO team_seq (team, seq) SELECT team, MAX(seq) FROM "
               "(SELECT team, seq FROM record UNION ALL SELECT team, seq FROM change_log) AS s GROUP BY team")
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.alter_column('team', server_default=None)
        batch_op.drop_constraint('pk_change_log', type_='primary')
        batch_op.create_primary_key('pk_change_log', ['team', 'seq'])
    with op.batch_alter_table('server_meta', schema=None) as batch_op:
        batch_op.drop_column('seq')


def downgrade() -> None:
    # One counter again: each team's seqs are shifted past those of the teams
    # before it (order within a team kept), and the epoch changes, so every
    # client does a full resync instead of trusting a cursor of the old scheme.
    with op.batch_alter_table('server_meta', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=False, server_default='0'))
    shift = "COALESCE((SELECT SUM(t.seq) FROM team_seq AS t WHERE t.team < {}.team), 0)"
    op.execute(f"UPDATE record SET seq = seq + {shift.format('record')}")
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_constraint('pk_change_log', type_='primary')
    op.execute(f"UPDATE change_log SET seq = seq + {shift.format('change_log')}")
    op.execute("UPDATE server_meta SET seq = COALESCE((SELECT SUM(seq) FROM team_seq), 0)")
    op.execute(sa.text("UPDATE server_meta SET epoch = :epoch").bindparams(epoch=str(uuid.uuid4())))
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_primary_key('pk_change_log', ['seq'])
        batch_op.drop_column('team')
    op.drop_table('team_seq')
