"""The in-process storage of the rate limits (``memory://``) under threads.

limits' MemoryStorage starts its expiry timer without a lock; two requests on two threads that
both find the timer stopped could start the same timer twice: "threads can only be started once",
a 500 on the join page (seen in ``test_join_codes.py`` with 200 guesses at once)."""

from __future__ import annotations

import sys
import threading
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

import facilitator.extensions  # noqa: F401  (what the app's storages are made from)


def _hits_at_the_same_moment(storage, rounds: int, threads: int = 32) -> list[BaseException]:
    """``threads`` hits at once, ``rounds`` times, each after the expiry timer has stopped."""
    window, limit = MovingWindowRateLimiter(storage), parse("5/second")
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads, action=lambda: time.sleep(0.02))  # the timer runs 10 ms

    def hammer(index: int) -> None:
        for round_ in range(rounds):
            barrier.wait()
            try:
                window.hit(limit, "join", str(index), str(round_))
            except RuntimeError as error:
                errors.append(error)

    workers = [threading.Thread(target=hammer, args=(i,)) for i in range(threads)]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change places between any two statements
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(switching)
    return errors


def test_the_memory_storage_takes_hits_from_many_threads_at_once():
    storage = storage_from_string("memory://")
    assert type(storage).__module__.startswith("facilitator"), type(storage)
    assert _hits_at_the_same_moment(storage, rounds=150) == []
