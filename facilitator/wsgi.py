"""The app for a WSGI server (gunicorn): ``gunicorn ... facilitator.wsgi:app``.

The same app as ``create_app()``, with the process's memory settled for serving (see
``serving.settle``)."""

from __future__ import annotations

from . import create_app
from .serving import settle

app = create_app()
settle()
