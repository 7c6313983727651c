"""The application factory."""

from __future__ import annotations

from pathlib import Path

from flask import abort, send_from_directory
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config as settings
from . import database, i18n, shipped
from .contract import plugins
from .extensions import csrf, limiter, login_manager, socketio
from .live import handlers as live  # declares the Socket.IO handlers before any app binds them
from .live.event_context import LiveApp
from .web import compression, cookie_sessions, errors, fingerprints, security

HERE = Path(__file__).parent


def create_app(config: dict | None = None) -> LiveApp:
    app = LiveApp("facilitator", static_folder=str(HERE / "static"), static_url_path="/static")
    app.config.update(settings.DEFAULTS)
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    app.instance_path = app.config["INSTANCE_FOLDER"]
    if app.config.get("BEHIND_PROXY"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True

    app.session_interface = cookie_sessions.RememberedCookieSessions()
    host = plugins.init_app(app, app.config["EXTRA_PLUGINS"])
    host_templates = shipped.folder("templates")
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(str(host_templates))]
        + [FileSystemLoader(str(folder)) for folder in host.folders("templates")]
    )
    i18n.init_app(app, host_templates, host.plugins())
    database.init_app(app)
    live.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    fingerprints.init_app(app)
    errors.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = i18n._l("Log in to see this page.")
    login_manager.login_message_category = "error"
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["MESSAGE_QUEUE"],
        channel=app.config.get("MESSAGE_QUEUE_CHANNEL", "flask-socketio"),
        manage_session=False,
        max_http_buffer_size=64 * 1024,
        cors_allowed_origins=app.config.get("CORS_ALLOWED_ORIGINS"),
    )
    if app.config.get("BEHIND_PROXY"):  # outermost, so that live connections see it too
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    @app.route("/plugins/<name>/static/<path:filename>")
    def plugin_static(name: str, filename: str):
        for plugin in host.plugins():
            if plugin.name == name and (plugin.folder / "static").is_dir():
                return send_from_directory(plugin.folder / "static", filename)
        abort(404)

    from .web.views import register_blueprints

    register_blueprints(app)
    from .teamplan import init_app as init_teamplan

    init_teamplan(app)
    from .clock import init_app as init_clock
    from .web.templating import init_app as init_templating

    init_clock(app)

    init_templating(app)
    return app
