"""The page where trainers and team leads make and revoke their personal API tokens."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..contract.workform import InputRejected
from ..extensions import db
from ..i18n import _
from . import tokens

bp = Blueprint("account", __name__)


def _page(new_secret: str | None = None) -> str:
    return render_template("teamplan/tokens.html", tokens=tokens.tokens_of(current_user),
                           lifetimes=tokens.LIFETIMES, new_secret=new_secret)


@bp.route("/account/tokens")
@login_required
def token_list():
    return _page()


@bp.route("/account/tokens", methods=["POST"])
@login_required
def create_token():
    try:
        _token, secret = tokens.create(current_user, request.form.get("name"),
                                       request.form.get("days"), request.form.get("can_write") == "1")
    except InputRejected as refused:
        flash(refused.message, "error")
        return _page(), 400
    db.session.commit()
    # Shown in this response only: never in a redirect, a flash message or a log.
    return _page(new_secret=secret), 200, {"Cache-Control": "no-store"}


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    tokens.revoke(current_user, token_id)
    db.session.commit()
    flash(_("The token has been revoked; it no longer works."), "ok")
    return redirect(url_for(".token_list"))
