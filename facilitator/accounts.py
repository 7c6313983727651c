"""Trainer and team-lead accounts, passwords (scrypt) and the one-time set-up link."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db, login_manager
from .i18n import _
from .models import User
from .workform import InputRejected

ROLES = ("trainer", "teamlead")
MIN_PASSWORD = 10
SETUP_MAX_AGE = 7 * 24 * 3600


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def add_user(email: str, password: str, role: str) -> User:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        raise InputRejected(_("Enter a valid e-mail address."))
    if role not in ROLES:
        raise InputRejected(_("Unknown role: %(role)s", role=role))
    if len(password or "") < MIN_PASSWORD:
        raise InputRejected(_("The password needs at least %(n)d characters.", n=MIN_PASSWORD))
    if db.session.scalar(select(User).where(User.email == email)):
        raise InputRejected(_("There is already an account with this e-mail address."))
    user = User(email=email, role=role, password_hash=generate_password_hash(password, "scrypt"))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if user is None:
        check_password_hash(generate_password_hash("x", "scrypt"), password or "")  # same time
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def has_trainer() -> bool:
    return bool(db.session.scalar(select(func.count(User.id)).where(User.role == "trainer")))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="first-trainer")


def setup_token() -> str:
    return _serializer().dumps("first-trainer")


def setup_token_valid(token: str) -> bool:
    if has_trainer():
        return False
    try:
        return _serializer().loads(token, max_age=SETUP_MAX_AGE) == "first-trainer"
    except BadSignature:
        return False
