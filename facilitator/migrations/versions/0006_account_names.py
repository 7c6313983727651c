"""accounts: a display name, and disabling an account

Revision ID: td_account_names
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = 'td_account_names'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('display_name', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('disabled', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('users') as batch:
        batch.drop_column('disabled')
        batch.drop_column('display_name')
