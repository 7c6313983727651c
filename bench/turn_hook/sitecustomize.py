"""Timing of step changes in a served process, for ``bench/turns.py``: imported at start-up by
the interpreter (this folder on ``PYTHONPATH``), it wraps three functions of
``facilitator.serving`` once that module is loaded, and appends one line per moment to the file
named by ``FACILITATOR_TURN_LOG``: when a step change asks for its turn (``asked``), when it
begins (``began``), when its pages are queued (``queued``), when their writers have sent them
(``written``) and when the step change ends (``ended``). Nothing of the product changes."""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import os
import sys
import time

_LOG = os.environ.get("FACILITATOR_TURN_LOG")


def _note(what: str) -> None:
    os.write(_FILE, f"{time.monotonic():.6f} {what}\n".encode())


def _wrap(serving) -> None:
    turn, queued, written = serving.one_room_at_a_time, serving.messages_queued, serving._written

    @contextlib.contextmanager
    def one_room_at_a_time():
        _note("asked")
        with turn():
            _note("began")
            try:
                yield
            finally:
                _note("ended")

    def messages_queued():
        _note("queued")
        queued()

    def _written():
        _note("written")
        written()

    serving.one_room_at_a_time, serving.messages_queued = one_room_at_a_time, messages_queued
    serving._written = _written


class _AfterLoading(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``facilitator.serving`` as the other finders do, and wraps it once it is loaded."""

    def find_spec(self, name, path, target=None):
        if name != "facilitator.serving":
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        self.loader, spec.loader = spec.loader, self
        return spec

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        _wrap(module)


if _LOG:
    _FILE = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    sys.meta_path.insert(0, _AfterLoading())
