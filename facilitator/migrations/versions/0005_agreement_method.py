"""agreements: expected result and term, the outside follow-up (asked on, answer)

Revision ID: 0005_agreement_method
Revises: 0002_teamplan

``expected_result`` may already have been added by ``0004_agreement_result`` (the team-plan
documents); it is then left as it is. Where both revisions are present, this one should run after
it (set ``down_revision`` to ``0004_agreement_result``).
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_agreement_method'
down_revision = '0002_teamplan'
branch_labels = None
depends_on = None


def _columns():
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns('agreements')}


def upgrade():
    present = _columns()
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        if 'expected_result' not in present:
            batch_op.add_column(sa.Column('expected_result', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('expected_term', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outside_asked_on', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outside_answer', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('outside_answer')
        batch_op.drop_column('outside_asked_on')
        batch_op.drop_column('expected_term')
