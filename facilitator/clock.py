"""The clock of the training room: times are kept in UTC and shown in the configured time zone.

Every moment the app stores (a session created, started, ended; an agreement changed) is a
timezone-aware ``datetime`` in UTC in Python; the database column holds the same UTC moment
(``UTCDateTime``). Pages, documents and the API show it in ``FACILITATOR_TIMEZONE`` (default
Europe/Amsterdam) through Flask-Babel, so a session after midnight carries the day it was held
in the Netherlands, not the day before in UTC. A due date is a calendar day and is not a moment:
it is stored as it is and never moved between zones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask, has_app_context
from flask_babel import format_date, format_datetime, get_timezone
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A moment in time: stored as UTC, read back as an aware UTC datetime. A naive value given
    to it is taken as UTC (as the app stored before it kept aware times)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local(moment: datetime) -> datetime:
    """The moment in the configured time zone (Europe/Amsterdam unless set otherwise)."""
    zone = get_timezone() if has_app_context() else None
    return aware(moment).astimezone(zone) if zone is not None else aware(moment)


def local_day(moment: datetime) -> date:
    """The calendar day of the moment where the training was held."""
    return local(moment).date()


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset of the configured zone, e.g. 2026-03-01T00:30:00+01:00."""
    return local(moment).isoformat() if moment is not None else None


def init_app(app: Flask) -> None:
    @app.template_filter("moment")
    def moment_filter(value: datetime | None, format: str = "short") -> str:
        """A moment as the page's language writes it, in the configured zone (short: 01-03-2026 00:30)."""
        return format_datetime(aware(value), format) if value is not None else ""

    @app.template_filter("day")
    def day_filter(value: datetime | date | None, format: str = "short") -> str:
        """The day of a moment (in the configured zone) or a calendar day, in the page's language."""
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = local_day(value)
        return format_date(value, format)
