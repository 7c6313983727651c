"""indexes on the columns that tie rows to their session, so that what a live session reads on
every answer and refresh (its steps, people and agreements) is found by index and does not grow
with the sessions held before it; and the dashboard's sessions by trainer

Revision ID: 0010_session_indexes
Revises: 0009_phone_language
"""
from alembic import op


revision = '0010_session_indexes'
down_revision = '0009_phone_language'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_activities_workshop', 'activities', ['workshop_id', 'position']),
    ('ix_participants_workshop', 'participants', ['workshop_id']),
    ('ix_agreements_workshop', 'agreements', ['workshop_id']),
    ('ix_entries_participant', 'entries', ['participant_id']),
    ('ix_workshops_trainer', 'workshops', ['trainer_id']),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
