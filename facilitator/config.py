"""Settings from the environment, with defaults that work on a laptop in a training room."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from .serving import async_mode


def instance_folder() -> Path:
    folder = Path(os.environ.get("FACILITATOR_INSTANCE", Path.cwd() / "instance")).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def secret_key(folder: Path) -> str:
    """The secret key from the environment, or one generated once and kept in the instance folder."""
    if key := os.environ.get("FACILITATOR_SECRET_KEY"):
        return key
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def from_environment() -> dict:
    folder = instance_folder()
    return {
        # gevent under `facilitator serve` and gunicorn's gevent worker; threading elsewhere.
        "ASYNC_MODE": async_mode(),
        "INSTANCE_FOLDER": str(folder),
        "SECRET_KEY": secret_key(folder),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "FACILITATOR_DATABASE_URL", f"sqlite:///{folder / 'facilitator.sqlite'}"
        ),
        "MESSAGE_QUEUE": os.environ.get("FACILITATOR_MESSAGE_QUEUE") or None,
        # Installations (or test runs) that share one Redis each need their own channel.
        "MESSAGE_QUEUE_CHANNEL": os.environ.get("FACILITATOR_MESSAGE_QUEUE_CHANNEL", "flask-socketio"),
        "RATELIMIT_STORAGE_URI": os.environ.get("FACILITATOR_RATELIMIT_STORAGE", "memory://"),
        # Per client address: join codes that lead nowhere (see joinguard), and sign-in attempts.
        "JOIN_RATE_LIMIT": os.environ.get("FACILITATOR_JOIN_RATE_LIMIT", "20 per minute"),
        "JOIN_ADDRESS_LIMIT": os.environ.get("FACILITATOR_JOIN_ADDRESS_LIMIT", "200 per minute"),
        # New participants with a right code, per address and code, and per code
        "JOINS_PER_ADDRESS": os.environ.get("FACILITATOR_JOINS_PER_ADDRESS", "100 per minute"),
        "JOINS_PER_CODE": os.environ.get("FACILITATOR_JOINS_PER_CODE", "1000 per minute"),
        "LOGIN_RATE_LIMIT": os.environ.get("FACILITATOR_LOGIN_RATE_LIMIT", "10 per minute"),
        "PUBLIC_URL": os.environ.get("FACILITATOR_PUBLIC_URL") or None,
        "MINIMUM_GROUP": int(os.environ.get("FACILITATOR_MINIMUM_GROUP", "3")),
        # the answer desk: see DEFAULTS below and docs/performance.md
        "ANSWERS_WAITING": int(os.environ.get("FACILITATOR_ANSWERS_WAITING", "2000")),
        "ANSWER_PATIENCE": float(os.environ.get("FACILITATOR_ANSWER_PATIENCE", "3")),
        # times are shown in this zone (Flask-Babel), stored in UTC
        # The language of pages nobody chose a language for, and of the command line (nl or en)
        "BABEL_DEFAULT_LOCALE": os.environ.get("FACILITATOR_LANGUAGE", "nl")
        if os.environ.get("FACILITATOR_LANGUAGE", "nl") in DEFAULTS["LANGUAGES"] else "nl",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("FACILITATOR_TIMEZONE") or "Europe/Amsterdam",
        "RETENTION_DAYS": int(os.environ.get("FACILITATOR_RETENTION_DAYS", "30")),
        # a running session nothing happened in for this long is ended (0: never)
        "END_IDLE_AFTER_HOURS": float(os.environ.get("FACILITATOR_END_IDLE_AFTER_HOURS", "24")),
        # A .docx whose styles, headers and footers the Word exports take (a house style).
        "DOCX_TEMPLATE": os.environ.get("FACILITATOR_DOCX_TEMPLATE") or None,
        # "Stay signed in on this device": how long the remember-me cookie lasts
        "REMEMBER_COOKIE_DURATION": timedelta(
            days=int(os.environ.get("FACILITATOR_REMEMBER_DAYS", "30"))),
        "BEHIND_PROXY": os.environ.get("FACILITATOR_BEHIND_PROXY", "") == "1",
        # /healthz shows its figures with "Authorization: Bearer <this>" (load tests)
        "HEALTH_TOKEN": os.environ.get("FACILITATOR_HEALTH_TOKEN") or None,
    }


DEFAULTS = {
    # the connection used last is used next: on SQLite its page cache is the warm one (another
    # connection's commit empties it); on PostgreSQL idle ones can time out
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_use_lifo": True},
    "BABEL_DEFAULT_LOCALE": "nl",
    "LANGUAGES": ("nl", "en"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "MAX_TEXT": 1000,
    "COALESCE_SECONDS": 0.25,
    # the answer desk (live/answers.py): answers to one session waiting in one process at most,
    # and the longest the first of them may have waited; past either, a new answer is refused
    # with "busy, try again" (and the phone sends it again by itself)
    "ANSWERS_WAITING": 2000,
    "ANSWER_PATIENCE": 3.0,
    # an answer that follows the one before it to the same session this closely waits this long
    # for others to share its turn; while answers keep coming, the next turn waits as long as the
    # last one took, at most ANSWERS_REST_SECONDS (the tests, answering one by one, set both to 0)
    "ANSWERS_GATHER_SECONDS": 0.04,
    "ANSWERS_REST_SECONDS": 0.05,
    "EXTRA_PLUGINS": (),
}
