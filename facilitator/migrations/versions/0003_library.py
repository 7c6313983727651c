"""scenario library: scenarios trainers wrote or adapted

Revision ID: 0003_library
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_library'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_scenarios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('based_on', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stored_scenarios', schema=None) as batch_op:
        batch_op.create_index('ix_stored_scenarios_owner_id', ['owner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('stored_scenarios', schema=None) as batch_op:
        batch_op.drop_index('ix_stored_scenarios_owner_id')
    op.drop_table('stored_scenarios')
