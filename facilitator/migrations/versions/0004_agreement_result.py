"""agreements: expected result, withdrawn

Revision ID: 0004_agreement_result
Revises: 0002_teamplan
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_agreement_result'
down_revision = '0002_teamplan'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expected_result', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('expected_result')
