"""The team plan: where the agreements of all a team's sessions come together and are followed up.

Teams and their team leads, the team plan page (edit, merge, re-order, status, history), the
exports (Word, PDF, Excel, CSV, Markdown) of the plan and of each session, personal access tokens
and the JSON API with its OpenAPI document. ``init_app`` registers the blueprints.
"""

from pathlib import Path

from flask import Flask

TRANSLATIONS = str(Path(__file__).parent / "translations")


def init_app(app: Flask) -> None:
    from ..extensions import csrf
    from . import account, api, pages, reports

    for module in (pages, reports, account):
        app.register_blueprint(module.bp)
    csrf.exempt(api.bp)  # the API takes bearer tokens only, never the session cookie
    app.register_blueprint(api.bp)
