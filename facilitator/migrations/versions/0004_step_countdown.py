"""a countdown per step: where the trainer's timer for the step's suggested time stands

Revision ID: td_step_countdown
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = 'td_step_countdown'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('steps') as batch:
        batch.add_column(sa.Column('timer', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('steps') as batch:
        batch.drop_column('timer')
