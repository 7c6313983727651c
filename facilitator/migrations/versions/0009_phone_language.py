"""participants: the interface language a participant chose on their phone

Revision ID: phone_language
Revises: (see down_revision)
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_phone_language'
down_revision = '0008_account_names'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('participants') as batch:
        batch.drop_column('language')
