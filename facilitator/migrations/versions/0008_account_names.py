"""accounts: a display name, and disabling an account

Revision ID: account_names
Revises: (see down_revision)
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_account_names'
down_revision = '0007_co_trainers'
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
