"""Refusals a visitor meets outside a form's own checks, as a page in the visitor's language:
too many attempts, something too large, a form that expired, the database briefly away (the
next request reconnects by itself: ``pool_pre_ping``), an unexpected error. The JSON API answers
its own."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from ..extensions import db
from ..i18n import _
from ..sessions.joinguard import TooManyCodes
from . import ids


def database_away() -> str:
    return _("The database is briefly unavailable. Try again in a moment.")


def _page(message: str, status: int):
    return render_template("error.html", message=message), status


def too_deep() -> str:
    return _("What you sent is nested too deeply.")


def init_app(app: Flask) -> None:
    ids.init_app(app)  # before any route: an odd id in a URL is a 404

    @app.errorhandler(RecursionError)
    def nested_too_deeply(_error):  # JSON or YAML nested thousands deep
        db.session.rollback()
        return _page(too_deep(), 400)

    @app.errorhandler(TooManyCodes)
    def too_many_codes(refused: TooManyCodes):
        return _page(refused.message, 429)

    @app.errorhandler(429)
    def too_many_attempts(_error):
        return _page(_("Too many attempts from this device. Wait a minute and try again."), 429)

    @app.errorhandler(413)
    def too_large(_error):
        return _page(_("What you sent is too large."), 413)

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error.orig)
        return _page(database_away(), 503)

    @app.errorhandler(400)
    def bad_request(_error):
        return _page(_("This request could not be understood. Go back and try again."), 400)

    @app.errorhandler(403)
    def forbidden(_error):
        return _page(_("You do not have access to this page. Sign in with another account, or "
                       "ask the trainer for access."), 403)

    @app.errorhandler(404)
    def not_found(_error):
        return _page(_("This page does not exist (any more). Check the address or the code."), 404)

    @app.errorhandler(405)
    def wrong_method(error):
        page, status = _page(_("This page cannot be opened this way. Go back and try again."), 405)
        return page, status, {"Allow": ", ".join(error.valid_methods or ())}

    @app.errorhandler(500)
    def went_wrong(_error):  # logged by Flask; the visitor gets a page in their language
        return _page(_("Something went wrong. Please try again."), 500)

    @app.errorhandler(CSRFError)
    def form_expired(_error):
        return _page(_("This form has expired. Go back, reload the page and try again."), 400)
