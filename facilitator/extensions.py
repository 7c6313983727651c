"""The Flask extensions, created unbound and attached to each app in ``create_app``."""

from datetime import datetime

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase, registry

from . import ratelimit_storage  # noqa: F401  (memory:// is thread-safe from here on)
from .clock import UTCDateTime


class Base(DeclarativeBase):
    # every moment is kept in UTC and read back timezone-aware (see clock)
    registry = registry(type_annotation_map={datetime: UTCDateTime})


db = SQLAlchemy(model_class=Base)
socketio = SocketIO()
babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
