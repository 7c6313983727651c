"""co-trainers: other trainers who run a session with its owner

Revision ID: co_trainers
Revises: (see down_revision)
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_co_trainers'
down_revision = '0006_step_countdown'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('co_trainers',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', 'user_id')
    )


def downgrade():
    op.drop_table('co_trainers')
