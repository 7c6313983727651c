"""Personal access tokens for the JSON API.

A token is shown once, when it is made; the database keeps only its SHA-256 hash (the token is
32 random bytes, so a plain hash cannot be guessed back), the first characters to recognise it by,
and whether it may change data. A token acts as its owner: it sees exactly the teams they see.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from ..contract.text import clean
from ..contract.workform import InputRejected
from ..extensions import db
from ..i18n import _
from ..sessions.models import User, utcnow
from .models import AccessToken

PREFIX = "fac_"
LIFETIMES = (30, 90, 365)  # days
LAST_USED_PRECISION = timedelta(minutes=5)  # no write on every request


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_of(user: User) -> list[AccessToken]:
    return list(db.session.scalars(select(AccessToken).where(AccessToken.user_id == user.id)
                                   .order_by(AccessToken.created_at.desc(), AccessToken.id.desc())))


def create(user: User, name, days, can_write: bool = False) -> tuple[AccessToken, str]:
    """Make a token; return it with the secret, which is never stored and cannot be shown again."""
    name = clean(name, limit=80, label=_("The name"))
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if days not in LIFETIMES:
        raise InputRejected(_("Choose how long the token stays valid."))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(user_id=user.id, name=name, token_hash=_hash(secret), hint=secret[:8],
                        can_write=bool(can_write), expires_at=utcnow() + timedelta(days=days))
    db.session.add(token)
    return token, secret


def revoke(user: User, token_id: int) -> None:
    token = db.session.get(AccessToken, token_id)
    if token is not None and token.user_id == user.id:
        db.session.delete(token)


def authenticate(secret: str | None, now: datetime | None = None) -> AccessToken | None:
    """The valid token with this secret, its use noted; None when unknown or expired."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(AccessToken).where(AccessToken.token_hash == _hash(secret)))
    now = now or utcnow()
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        token.last_used_at = now
        db.session.commit()
    return token
