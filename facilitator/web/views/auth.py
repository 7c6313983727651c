"""Signing in and out, the one-time link that creates the first trainer account, one's own
account (name and password), password-reset links and the trainers' page of accounts."""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ...contract.workform import InputRejected
from ...extensions import limiter
from ...i18n import _
from ...live import signouts
from .. import accounts

bp = Blueprint("auth", __name__)
#: A path on this site: no second slash or backslash at the start, no whitespace (browsers drop
#: tabs and read backslashes as slashes, so "/\t/evil.example" would leave the site).
SITE_PATH = re.compile(r"/(?![/\\])[^\s\\]*")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _failed(response) -> bool:
    return response.status_code == 401


def _account() -> str:
    """The account a sign-in is for, as the form names it (case and spaces do not matter)."""
    return "account:" + request.form.get("email", "").strip().lower()[:254]


# Only failed sign-ins count, per address and per account: colleagues behind one router sign in
# as often as they like; a guesser is stopped, also when spreading guesses over addresses.
@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account, deduct_when=_failed)
def login():
    if request.method == "POST":
        user = accounts.authenticate(request.form.get("email", ""), request.form.get("password", ""))
        if user is not None and user.disabled:
            flash(_("This account is disabled. Ask a trainer to enable it again."), "error")
        elif user is not None:
            login_user(user, remember=bool(request.form.get("remember")))
            target = request.args.get("next", "")
            if not SITE_PATH.fullmatch(target):
                target = url_for("dashboard.home" if user.role == "trainer" else "teamplan.team_list")
            return redirect(target)
        else:
            flash(_("E-mail address or password is not right."), "error")
    return render_template("auth/login.html"), 200 if request.method == "GET" else 401


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    signouts.sign_out(current_user.id)  # its consoles too, wherever they are connected
    logout_user()
    return redirect(url_for("join.landing"))


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str):
    if not accounts.setup_token_valid(token):
        abort(404)
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("password2", ""):
            flash(_("The two passwords are not the same."), "error")
        else:
            try:
                user = accounts.add_user(request.form.get("email", ""), password, "trainer",
                                         request.form.get("name"))
            except InputRejected as refused:
                flash(refused.message, "error")
            else:
                login_user(user)
                flash(_("Welcome! Your trainer account is ready."), "ok")
                return redirect(url_for("dashboard.home"))
    return render_template("auth/setup.html", token=token)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """One's own account: the name others see, and a new password."""
    status = 200
    if request.method == "POST":
        try:
            if request.form.get("what") == "password":
                accounts.change_own(current_user, request.form.get("current", ""),
                                    request.form.get("password", ""),
                                    request.form.get("password2", ""))
                flash(_("Your password has been changed."), "ok")
            else:
                accounts.set_display_name(current_user, request.form.get("name"))
                flash(_("Your name has been saved."), "ok")
            return redirect(url_for(".account"))
        except InputRejected as refused:
            flash(refused.message, "error")
            status = 400
    return render_template("auth/account.html"), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    """Choose a new password with a link from a trainer or from ``facilitator user reset``."""
    user = accounts.user_for_reset(token)
    if user is None:
        abort(404)
    if request.method == "POST":
        if request.form.get("password", "") != request.form.get("password2", ""):
            flash(_("The two passwords are not the same."), "error")
        else:
            try:
                accounts.set_password(user, request.form.get("password", ""))
            except InputRejected as refused:
                flash(refused.message, "error")
            else:
                flash(_("Your new password is set. Sign in with it."), "ok")
                return redirect(url_for(".login"))
    return render_template("auth/reset.html", user=user), 200 if request.method == "GET" else 400


def _trainer_only() -> None:
    if current_user.role != "trainer":
        abort(403)


@bp.route("/trainer/accounts")
@login_required
def accounts_page():
    """Every account, for trainers: reset a password, disable or enable an account."""
    _trainer_only()
    return render_template("auth/accounts.html", users=accounts.everyone(), reset_link=None)


def _other_account(user_id: int):
    from ...extensions import db
    from ...sessions.models import User

    _trainer_only()
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/trainer/accounts/<int:user_id>/reset", methods=["POST"])
@login_required
def reset_link(user_id: int):
    user = _other_account(user_id)
    link = url_for(".reset", token=accounts.reset_token(user), _external=True)
    # shown in this response only, not kept anywhere
    return render_template("auth/accounts.html", users=accounts.everyone(), reset_link=link,
                           reset_for=user), 200, {"Cache-Control": "no-store"}


@bp.route("/trainer/accounts/<int:user_id>/disable", methods=["POST"])
@login_required
def disable(user_id: int):
    user = _other_account(user_id)
    if user.id == current_user.id:
        flash(_("You cannot disable your own account."), "error")
    else:
        accounts.set_disabled(user, request.form.get("disabled") != "0")
        flash(_("%(email)s is disabled: it cannot sign in any more.", email=user.email)
              if user.disabled else _("%(email)s can sign in again.", email=user.email), "ok")
    return redirect(url_for(".accounts_page"))
