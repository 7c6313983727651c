"""agreements: expected result and term, the outside follow-up (asked on, answer)

Revision ID: 0005_agreement_method
Revises: 0004_agreement_result

``expected_result`` comes with ``0004_agreement_result`` (the team-plan documents).
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_agreement_method'
down_revision = '0004_agreement_result'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expected_term', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outside_asked_on', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outside_answer', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('outside_answer')
        batch_op.drop_column('outside_asked_on')
        batch_op.drop_column('expected_term')
