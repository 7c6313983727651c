"""What a serving process sets once it has started, before phones connect."""

from __future__ import annotations

import gc

#: Objects allocated between collections of the youngest generation (Python's default: 700).
YOUNG_COLLECTION = 20_000


def settle() -> None:
    """Keep the garbage collector's pauses short in a long-running server.

    Every connected phone holds threads, buffers and sockets for as long as it is connected;
    with a thousand phones the collector's full passes walk hundreds of thousands of objects and
    stop every thread meanwhile (measured: up to 0.4 s). What start-up made (modules, templates,
    the plugin host) is frozen out of those passes for good, and the young generation is
    collected less often, so that fewer objects live long enough to reach the old generation.
    """
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, middle, old)
