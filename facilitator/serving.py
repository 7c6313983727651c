"""How a serving process runs: on gevent's event loop, with its memory settled before phones connect."""

from __future__ import annotations

import collections
import contextlib
import gc
import os
import sys
import time

#: Objects allocated between collections of the youngest generation (Python's default: 700).
YOUNG_COLLECTION = 20_000


def async_mode() -> str:
    """``gevent`` in a process whose standard library gevent has patched (``facilitator serve``,
    gunicorn's ``gevent`` worker), else ``threading`` (tests, scripts, gunicorn's ``gthread``)."""
    from gevent import monkey

    return "gevent" if monkey.is_module_patched("socket") else "threading"


def on_event_loop(argv: list[str]) -> None:
    """Run this command again under ``python -m gevent.monkey``, unless it already runs there or
    ``FACILITATOR_ASYNC_MODE=threading`` asks for one thread per connection.

    On gevent's event loop every connection is a greenlet, not three threads, and a step change
    to a thousand phones is one pass of the loop instead of a thousand threads fighting for the
    interpreter lock (``docs/performance.md``). The standard library must be patched before
    anything imports it, which is why the process starts afresh (same process id) rather than
    patching here, after Flask, SQLAlchemy and Redis have taken their locks and sockets."""
    wanted = os.environ.get("FACILITATOR_ASYNC_MODE", "gevent").strip().lower() or "gevent"
    if wanted not in ("gevent", "threading"):
        raise SystemExit(f"FACILITATOR_ASYNC_MODE is {wanted!r}; use gevent (the default) or threading.")
    if async_mode() == "gevent" or wanted == "threading":
        return
    sys.stdout.flush()
    sys.stderr.flush()
    # -P: not the current folder first on the path (as -m would put it), so that the facilitator
    # served is the installed one wherever the command is given
    os.execv(sys.executable,
             [sys.executable, "-P", "-m", "gevent.monkey", "--module", "facilitator", *argv])


def off_the_loop(function, *args, **kwargs):
    """Run long work that needs no database (laying out a Word file or a sheet of a session of a
    thousand phones: a tenth of a second or more) in a thread of gevent's pool, so that the event
    loop serves every connection meanwhile; the calling greenlet waits for the outcome (or the
    exception). The thread has the request's context (the language, the configuration). Without
    gevent's loop (threads, tests, the command line) it simply runs here."""
    if async_mode() != "gevent":
        return function(*args, **kwargs)
    import gevent
    from flask import copy_current_request_context, has_request_context

    work = copy_current_request_context(function) if has_request_context() else function
    return gevent.get_hub().threadpool.apply(work, args, kwargs)


def give_way(longest: float) -> None:
    """Let everything else that can run go first: on gevent's event loop, wait until the loop is
    idle, that is until every greenlet ready to run and every message that has arrived on the
    sockets meanwhile has had its turn, but at most ``longest`` seconds (a loop that is never idle
    starves nobody). ``sleep(0)`` would not do: it resumes before the loop next looks at the
    sockets. With threads, a plain yield."""
    if async_mode() != "gevent":
        time.sleep(0)
        return
    import gevent

    with gevent.Timeout(longest, False):
        gevent.idle()


class _Queued:
    """Whether a broadcast's messages still wait for their writers, and the step changes that
    wait for them (see ``messages_queued``)."""

    unsent = 0  # broadcasts whose writers have not had their turn yet
    broadcasts = 0  # how many called ``messages_queued``
    # gevent Waiters, first come first: the step changes waiting for their turn, and what waits
    # until none does (``after_the_step_changes``)
    next_ones: collections.deque = collections.deque()
    afterwards: collections.deque = collections.deque()


def messages_queued() -> None:
    """A broadcast has just queued its messages (a step change's pages for a room of phones): on
    gevent's event loop, until the writers it woke have sent them, ``one_room_at_a_time`` holds
    the next step change. With threads, nothing to do: each connection's writer is a thread.

    On gevent's loop a message to a connection is queued, and that connection's writer greenlet
    sends it when the loop gets to it: after every greenlet that was ready before. When fifty
    trainers press "next" together, the fifty step changes were all ready first, so each room's
    pages left the server only once the last session had been read and rendered (measured: the
    first phone written 0.27 to 0.65 s after the first step change was done). The writers were
    woken while the broadcast ran; a callback queued after them runs once they have sent, and
    hands the turn straight to the next step change waiting, ahead of the answers that the
    rooms already on their new step send meanwhile."""
    if async_mode() != "gevent":
        return
    import gevent

    _Queued.broadcasts += 1
    _Queued.unsent += 1
    gevent.get_hub().loop.run_callback(_written)


def _written() -> None:
    """In the loop, once the writers woken before have sent."""
    _Queued.unsent -= 1
    _hand_on()


def _hand_on() -> None:
    """The next step change's turn, if nothing queued waits to be sent (in the loop); when no
    step change waits any more, whatever waited for them (``after_the_step_changes``)."""
    if _Queued.unsent:
        return
    if _Queued.next_ones:
        _Queued.next_ones.popleft().switch(None)
    else:
        for _waiting in range(len(_Queued.afterwards)):  # those waiting now, not newcomers
            if _Queued.afterwards:
                _Queued.afterwards.popleft().switch(None)


def _wait_in(line: collections.deque, longest: float | None = None) -> None:
    """Wait in ``line`` until ``_hand_on`` calls, or at most ``longest`` seconds; out of the
    line either way (also when killed while waiting)."""
    import gevent
    from gevent.hub import Waiter

    waiter = Waiter()
    line.append(waiter)
    try:
        with gevent.Timeout(longest, False):
            waiter.get()
    finally:
        if waiter in line:
            line.remove(waiter)


def after_the_step_changes(longest: float = 1.0) -> None:
    """Wait while step changes wait for their turn, at most ``longest`` seconds (on gevent's
    loop; with threads, no wait).

    The answer desk takes its next turn only then: in a room that already has its new step the
    phones answer at once, and on the loop each turn of answers went before the step changes
    still waiting, so that in fifty sessions voting within a second, the last rooms got their
    step over a second late. An answer that waits meanwhile is taken with the ones arriving
    after it, in one turn."""
    if async_mode() == "gevent" and _Queued.next_ones:
        _wait_in(_Queued.afterwards, longest)


@contextlib.contextmanager
def one_room_at_a_time():
    """A step change's turn: it begins once what the one before queued is sent
    (``messages_queued``), so that the rooms of many sessions changing step together get their
    pages one after the other, each as soon as it is ready, instead of all of them after the
    last one is. A step change that queued nothing (refused, or nothing to send) hands the turn
    on at its end. With threads, no turns."""
    if async_mode() != "gevent":
        yield
        return
    import gevent

    if _Queued.unsent or _Queued.next_ones:
        _wait_in(_Queued.next_ones)
    broadcasts = _Queued.broadcasts
    try:
        yield
    finally:
        if _Queued.broadcasts == broadcasts:  # it queued nothing: the next one's turn now
            gevent.get_hub().loop.run_callback(_hand_on)


def settle() -> None:
    """Keep the garbage collector's pauses short in a long-running server.

    Every connected phone holds greenlets (or threads), buffers and sockets for as long as it is
    connected; with a thousand phones the collector's full passes walk hundreds of thousands of
    objects and stop every connection meanwhile (measured: up to 0.4 s). What start-up made
    (modules, templates, the plugin host) is frozen out of those passes for good, and the young
    generation is collected less often, so that fewer objects live long enough to reach the old
    generation.
    """
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, middle, old)


def stop_quietly_on_ctrl_c(socketio) -> None:
    """On gevent's event loop, Ctrl-C (SIGINT) would interrupt whichever greenlet runs, often the
    server's accept loop, which then prints a traceback; stop the server instead, letting open
    connections finish for a second. With threads, Python's own KeyboardInterrupt is quiet enough
    (``facilitator serve`` catches it)."""
    if async_mode() != "gevent":
        return
    import signal

    import gevent

    def stop() -> None:
        if socketio.wsgi_server is not None:
            gevent.spawn(socketio.wsgi_server.stop, timeout=1)

    gevent.signal_handler(signal.SIGINT, stop)
