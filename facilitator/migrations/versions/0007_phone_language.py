"""participants: the interface language a participant chose on their phone

Revision ID: td_phone_language
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = 'td_phone_language'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('participants') as batch:
        batch.drop_column('language')
