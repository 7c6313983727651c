"""Answers that arrive together are taken together.

When hundreds of phones answer within seconds, each answer on its own would build the whole step
(every entry, every participant), wait for a database connection and commit alone. Here the
answers to one workshop are taken in turns: whoever brings an answer while none are being taken
takes every answer waiting, with one view of the step and one commit for all of them, then hands
the turn to the next waiting answer. Answers taken together are judged against the step as it was
before them, as simultaneous answers always were. One answer alone is ``participation.submit``.

While answers keep coming, the next turn waits as long as the last one took before it begins, so
that a session's answers take at most about half of the process's time and each turn takes more of
them. An answer that comes within ``ANSWERS_GATHER_SECONDS`` (0.04) of the one before it to the same
session waits that long for others before its turn begins: a turn costs about as much for one answer as
for five, and a room answering a few times a second does not notice 40 ms. An answer to a quiet
session is taken at once.

When answers come faster than the process takes them (more than ``ANSWERS_WAITING`` waiting for
one session, or the first of them waiting longer than ``ANSWER_PATIENCE`` seconds already), a new
answer is not queued but refused at once as ``Busy``: the phone hears "busy,
try again" with a time to wait, and sends it again by itself (live.js). Nothing is dropped
without the phone knowing: an answer is either acknowledged as stored or refused.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import serving
from ..contract.plugins import work_form
from ..contract.workform import InputRejected
from ..extensions import db, socketio
from ..i18n import _
from ..sessions import participation, stepviews
from ..sessions.models import Participant


class Busy(InputRejected):
    """Too many answers are waiting: send this one again after ``retry_after`` seconds."""

    def __init__(self, retry_after: float):
        super().__init__(_("Many answers are coming in at once. Your phone sends yours again "
                           "in a moment."))
        self.retry_after = retry_after


@dataclass(eq=False)
class Answer:
    participant_id: int
    step_key: str
    data: Any
    client_id: str | None
    passing: bool
    changed: bool = False
    failure: Exception | None = None
    finished: bool = False
    leads: bool = False
    ready: threading.Event = field(default_factory=threading.Event)
    arrived: float = field(default_factory=time.monotonic)


class Desk:
    """Where the answers of this process queue up, per workshop."""

    #: The sessions whose last arrival is remembered, at most (the oldest are forgotten first).
    REMEMBERED = 5000

    def __init__(self):
        self.mutex = threading.Lock()
        self.waiting: dict[int, list[Answer]] = {}
        self.busy: set[int] = set()
        self.resting: dict[int, float] = {}  # workshop id -> how long its next turn waits first
        self.arrivals: dict[int, tuple[float, float]] = {}  # workshop id -> when its last answer
        # came, and how long after the one before
        self.refused = 0  # answers refused as busy since the process started

    def submit(self, workshop_id: int, participant_id: int, step_key: str, data, *,
               client_id=None, passing: bool = False) -> bool:
        """Store the answer (with whatever else is waiting); return False if nothing changed."""
        answer = Answer(participant_id, step_key, data, client_id, passing)
        most, patience = current_app.config["ANSWERS_WAITING"], current_app.config["ANSWER_PATIENCE"]
        # hold no database connection while waiting, and see what is stored then (an answer's
        # event has mostly read nothing yet: a session made only to be closed cost 2 % of the CPU)
        if db.session.registry.has():
            db.session.close()
        with self.mutex:
            queue = self.waiting.setdefault(workshop_id, [])
            behind = answer.arrived - queue[0].arrived if queue else 0.0
            if len(queue) >= most or behind > patience:
                self.refused += 1
                raise Busy(round(min(10.0, max(1.0, behind)), 1))
            queue.append(answer)
            before, _gap = self.arrivals.pop(workshop_id, (None, None))  # back as the newest
            self.arrivals[workshop_id] = (answer.arrived, answer.arrived - before
                                          if before is not None else float("inf"))
            if len(self.arrivals) > self.REMEMBERED:
                del self.arrivals[next(iter(self.arrivals))]
            if workshop_id not in self.busy:
                self.busy.add(workshop_id)
                answer.leads = True
        while not answer.finished:
            if answer.leads:
                self._take_turn(workshop_id)
            else:
                answer.ready.wait()
        if answer.failure is not None:
            raise answer.failure
        return answer.changed

    def _take_turn(self, workshop_id: int) -> None:
        gathering = current_app.config["ANSWERS_GATHER_SECONDS"]
        most_resting = current_app.config["ANSWERS_REST_SECONDS"]
        with self.mutex:
            rest = self.resting.pop(workshop_id, 0.0)
            if self.arrivals.get(workshop_id, (0.0, float("inf")))[1] < gathering:
                rest = max(rest, gathering)  # answers are following each other closely
        if rest:
            socketio.sleep(rest)  # what arrives meanwhile is taken in this turn
        serving.after_the_step_changes()  # the rooms still waiting for their step go first
        with self.mutex:
            batch = self.waiting.pop(workshop_id, [])
        began = time.monotonic()
        try:
            take_together(workshop_id, batch)
        except Exception as failed:  # the whole turn failed (no session, no database): all hear it
            db.session.rollback()
            for answer in batch:
                answer.failure = answer.failure or failed
        finally:
            for answer in batch:
                answer.finished = True
                answer.ready.set()
            took = time.monotonic() - began
            with self.mutex:
                if following := self.waiting.get(workshop_id):  # answers keep coming: rest first
                    self.resting[workshop_id] = min(took, most_resting)
                    following[0].leads = True
                    following[0].ready.set()
                else:  # the desk stays taken a moment: see ``_cool``
                    socketio.start_background_task(self._cool, workshop_id,
                                                   min(took, most_resting))

    def _cool(self, workshop_id: int, rest: float) -> None:
        """After a turn, wait as long as it took before the next one begins, also when nothing
        is waiting yet. On gevent's event loop nothing arrives *during* a turn (the database
        holds the loop), so without this pause every answer arriving after a turn would take a
        turn of its own, one by one, in a burst of a thousand."""
        socketio.sleep(rest)
        with self.mutex:
            if following := self.waiting.get(workshop_id):
                following[0].leads = True
                following[0].ready.set()
            else:
                self.busy.discard(workshop_id)


def take_together(workshop_id: int, batch: list[Answer]) -> None:
    """Judge, store and announce these answers to one workshop, with one view and one commit."""
    if (found := stepviews.workshop_and_step(workshop_id)) is None:
        raise InputRejected(_("This session no longer exists."))
    workshop, here = found
    steps: dict[str, tuple | InputRejected] = {}
    for answer in batch:
        if answer.step_key not in steps:
            try:
                steps[answer.step_key] = participation.open_step(workshop, answer.step_key, here)
            except InputRejected as refused:
                steps[answer.step_key] = refused
        if isinstance(steps[answer.step_key], InputRejected):
            answer.failure = steps[answer.step_key]
    if not (taken := [answer for answer in batch if answer.failure is None]):
        return
    activity, row, step = steps[taken[0].step_key]
    # the step's entries are read only if the work form looks at them (a thousand entries, read
    # for every turn, would make each answer dearer the more have answered); if it does, it sees
    # the answering person's own among them marked
    view = stepviews.build(workshop, activity, row, entries_on_first_use=True)
    form = work_form(activity.type)
    keys = {answer.participant_id: stepviews.author_key(row.id, answer.participant_id,
                                                        step.visibility) for answer in taken}
    in_session = {p.id: p for p in stepviews.people(  # plain rows, these people only
        workshop_id, {answer.participant_id for answer in taken})}
    staged: list[tuple[Answer, str, str]] = []  # (answer, author, slot)
    inputs = []
    for answer in taken:
        participant = in_session.get(answer.participant_id)
        if participant is None:
            answer.failure = InputRejected(_("You are not in this session. Open the join link again."))
            continue
        author = keys[participant.id]
        own = replace(view, entries=stepviews.OnFirstUse(partial(_marked, view.entries, author)))
        try:
            contribution = participation.contribution_of(form, own, workshop, participant,
                                                         answer.data, answer.passing)
        except Exception as refused:  # a refusal, or a work form's mistake: this answer's alone
            answer.failure = refused
            continue
        staged.append((answer, author, contribution.slot))
        inputs.append((author, contribution, answer.client_id,
                       None if author.startswith("a") else participant.id))
    if inputs:
        changed = participation.stage_many(row.id, inputs)
        last = {(author, slot): answer for answer, author, slot in staged}  # the later one counts
        for answer, author, slot in staged:
            answer.changed = (author, slot) in changed and last[(author, slot)] is answer
    try:
        db.session.commit()
    except IntegrityError:  # another process stored one of these at the same moment
        db.session.rollback()
        for answer in taken:
            if answer.failure is None:
                _alone(answer)
        return
    changed = [answer.participant_id for answer in taken if answer.changed]
    if changed:
        participation.announce_input(workshop_id, form, changed)


def _marked(entries, author: str) -> list:
    return [replace(e, mine=True) if e.author == author else e for e in entries]


def _alone(answer: Answer) -> None:
    try:
        answer.changed = participation.submit(
            db.session.get(Participant, answer.participant_id), answer.step_key, answer.data,
            client_id=answer.client_id, passing=answer.passing)
    except InputRejected as refused:
        answer.failure = refused


desk = Desk()
submit = desk.submit
