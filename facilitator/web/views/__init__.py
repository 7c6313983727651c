"""The HTTP side: blueprints for signing in, the trainer dashboard, joining and the live pages."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import auth, dashboard, health, join, live_pages

    for module in (auth, dashboard, health, join, live_pages):
        app.register_blueprint(module.bp)
    from ...library.views import bp as library

    app.register_blueprint(library)
    from ...live import broadcast

    broadcast.init_app(app)
