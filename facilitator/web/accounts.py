"""Trainer and team-lead accounts, passwords (scrypt), the one-time set-up link, password resets
and disabled accounts."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..contract.workform import InputRejected
from ..extensions import db, login_manager
from ..i18n import _
from ..sessions.models import User

ROLES = ("trainer", "teamlead")
MIN_PASSWORD = 10
SETUP_MAX_AGE = 7 * 24 * 3600


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def add_user(email: str, password: str, role: str, display_name: str | None = None) -> User:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        raise InputRejected(_("Enter a valid e-mail address."))
    if role not in ROLES:
        raise InputRejected(_("Unknown role: %(role)s", role=role))
    _check_password(password)
    if db.session.scalar(select(User).where(User.email == email)):
        raise InputRejected(_("There is already an account with this e-mail address."))
    user = User(email=email, role=role, password_hash=generate_password_hash(password, "scrypt"),
                display_name=_name(display_name))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The account with this e-mail address and password, also when it is disabled (the caller
    says so: ``user.disabled``)."""
    user = find(email)
    if user is None:
        check_password_hash(generate_password_hash("x", "scrypt"), password or "")  # same time
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def find(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))


def everyone() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role.desc(), User.email)))


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise InputRejected(_("The password needs at least %(n)d characters.", n=MIN_PASSWORD))


def _name(display_name: str | None) -> str | None:
    name = " ".join((display_name or "").split())
    if len(name) > 120:
        raise InputRejected(_("The name can be at most %(n)d characters.", n=120))
    return name or None


def set_password(user: User, password: str) -> None:
    """A new password (a reset, or one's own change): every reset link made before is void."""
    _check_password(password)
    user.password_hash = generate_password_hash(password, "scrypt")
    db.session.commit()


def change_own(user: User, current: str, new: str, repeated: str) -> None:
    if not check_password_hash(user.password_hash, current or ""):
        raise InputRejected(_("Your current password is not right."))
    if new != repeated:
        raise InputRejected(_("The two passwords are not the same."))
    set_password(user, new)


def set_display_name(user: User, display_name: str | None) -> None:
    user.display_name = _name(display_name)
    db.session.commit()


def set_disabled(user: User, disabled: bool) -> None:
    """A disabled account cannot sign in, and its open sign-ins end at their next request
    (Flask-Login treats it as inactive); its live consoles and screens end as at a sign-out."""
    user.disabled = bool(disabled)
    db.session.commit()
    if user.disabled:
        from ..live import signouts

        signouts.sign_out(user.id)


RESET_MAX_AGE = 3 * 24 * 3600


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def reset_token(user: User) -> str:
    """A link's token to choose a new password: it works for three days and only once (it names
    the current password's hash, which the new password replaces)."""
    return _reset_serializer().dumps({"user": user.id, "hash": user.password_hash[-16:]})


def user_for_reset(token: str) -> User | None:
    try:
        data = _reset_serializer().loads(token, max_age=RESET_MAX_AGE)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or user.disabled or user.password_hash[-16:] != data.get("hash"):
        return None
    return user


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
