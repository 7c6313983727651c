"""Phone pages kept between refreshes.

Until the trainer reveals the results, the phone of a work form without ``shared_input`` shows
the step as it stands and the person's own input, nothing of the others' (which is why an input
refreshes only the sender's phone). Everyone who took the stand "agree" sees the same page, and
their phone is sent it again whenever they change their input. A refresh already renders each
group of phones that show the same thing once (``Reading.phones``); this keeps that page for the
next refreshes of the session as well.

A page is kept under everything it is made of: the session's, the activity's and the step's rows
as they were read (an edit of the scenario, the step closing, a countdown started: any change
makes a new page), where the step sits in the session, and the group's look (the phone's
language, its own entries, what the work form's ``phone_context`` gives, the name in a named
session). Kept pages are the process's own, only of running sessions; the oldest go first, and
when a session ends, the process that ends it forgets its pages at once (a page may show what the
person wrote, which an intervision does not keep).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Flask, current_app

#: Pages kept per process: a few for each session answering (one per stand, per language).
KEPT = 512


class PhonePages:
    def __init__(self, size: int = KEPT):
        self.size = size
        self.pages: OrderedDict[tuple, str] = OrderedDict()
        self.lock = threading.Lock()
        self.found = 0  # pages given again: for the tests and the profiles

    def get(self, key: tuple) -> str | None:
        with self.lock:
            html = self.pages.get(key)
            if html is None:
                return None
            self.pages.move_to_end(key)
            self.found += 1
            return html

    def keep(self, key: tuple, html: str) -> None:
        """Keep ``html`` under ``key``, whose first item is the session's id."""
        with self.lock:
            self.pages[key] = html
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def forget(self, workshop_id: int) -> None:
        with self.lock:
            for key in [key for key in self.pages if key[0] == workshop_id]:
                del self.pages[key]


def kept() -> PhonePages:
    return current_app.extensions["facilitator.phone_pages"]


def init_app(app: Flask) -> None:
    app.extensions["facilitator.phone_pages"] = PhonePages()
