"""Joining: the landing page with the code field, and the join page behind the QR code."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from ...contract.workform import InputRejected
from ...live.handlers import cookie_name
from ...sessions import joinguard, participation
from ...sessions.joincodes import normalise
from ...sessions.joinguard import TooManyCodes

bp = Blueprint("join", __name__)


def _refused_status(refused: InputRejected) -> int:
    """Codes are limited per address by ``joinguard``: only codes that lead nowhere count."""
    return 429 if isinstance(refused, TooManyCodes) else 404


@bp.route("/", methods=["GET", "POST"])
def landing():
    if request.method == "POST":
        code = normalise(request.form.get("code", ""))
        try:
            participation.open_workshop(code)
        except InputRejected as refused:
            flash(refused.message, "error")
            return render_template("join/landing.html", code=request.form.get("code", "")), \
                _refused_status(refused)
        return redirect(url_for(".join", code=code))
    return render_template("join/landing.html", code="")


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code: str):
    code = normalise(code)
    try:
        workshop = participation.open_workshop(code)
    except InputRejected as refused:
        flash(refused.message, "error")
        return render_template("join/landing.html", code=code), _refused_status(refused)
    g.locale = workshop.language
    returning = participation.by_token(request.cookies.get(cookie_name(workshop.code)))
    if returning is not None and returning.workshop_id == workshop.id:
        return redirect(url_for("live_pages.phone", code=workshop.code))
    if request.method == "POST":
        try:
            joinguard.count_join(workshop.code)
            _participant, token = participation.join(code, request.form.get("name"))
        except InputRejected as refused:
            flash(refused.message, "error")
            return render_template("join/join.html", workshop=workshop,
                                   name=request.form.get("name", "")), \
                429 if isinstance(refused, TooManyCodes) else 400
        response = redirect(url_for("live_pages.phone", code=workshop.code))
        response.set_cookie(cookie_name(workshop.code), token, max_age=14 * 24 * 3600,
                            httponly=True, samesite="Lax",
                            secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
        return response
    return render_template("join/join.html", workshop=workshop, name="")
