"""The in-process storage of rate limits and join budgets (``memory://``), safe for threads.

limits' ``MemoryStorage`` (5.8) restarts its expiry timer without a lock: two requests on two
threads that both find it stopped can start the same timer twice, and the second request fails
with "threads can only be started once" (a 500 on the join page when many phones join at once
on the threading server). Fixed upstream (alisaifee/limits#352) but not yet released. Defining
this subclass takes the scheme ``memory`` over, so every ``memory://`` storage (Flask-Limiter's,
the join budgets', the sign-outs') is this one; Redis storages are not touched.
"""

from __future__ import annotations

import threading

from limits.storage import MemoryStorage


class ThreadSafeMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["memory"]

    def __init__(self, *args, **kwargs) -> None:
        self._expiry_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802  (limits' private name)
        with self._expiry_lock:
            super()._MemoryStorage__schedule_expiry()
