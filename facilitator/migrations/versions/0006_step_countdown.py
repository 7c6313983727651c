"""a countdown per step: where the trainer's timer for the step's suggested time stands

Revision ID: step_countdown
Revises: (see down_revision)
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_step_countdown'
down_revision = ('0005_agreement_method', '0003_library')  # one head again
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('steps') as batch:
        batch.add_column(sa.Column('timer', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('steps') as batch:
        batch.drop_column('timer')
