"""Signing in and out, and the one-time link that creates the first trainer account."""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .. import accounts, signouts
from ..extensions import limiter
from ..i18n import _
from ..workform import InputRejected

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
        if user is not None:
            login_user(user, remember=bool(request.form.get("remember")))
            target = request.args.get("next", "")
            if not SITE_PATH.fullmatch(target):
                target = url_for("dashboard.home" if user.role == "trainer" else "teamplan.team_list")
            return redirect(target)
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
                user = accounts.add_user(request.form.get("email", ""), password, "trainer")
            except InputRejected as refused:
                flash(refused.message, "error")
            else:
                login_user(user)
                flash(_("Welcome! Your trainer account is ready."), "ok")
                return redirect(url_for("dashboard.home"))
    return render_template("auth/setup.html", token=token)
