"""Where facilitator's own time goes, without sockets: --sessions sessions of N phones, a step
change to all of them, then every phone answers (in turns of --together answers, with a coalesced refresh of
the screen, console and answering phones every --refresh answers), then "next" in every session.
Prints CPU milliseconds per step change (the first, and the next after the answers) and per
answer, and the functions that took the most (cProfile).

    .venv/bin/python bench/profile_work.py --phones 1000
    .venv/bin/python bench/profile_work.py --phones 20 --sessions 50 --together 1 --refresh 1
    .venv/bin/python bench/profile_work.py --phones 1000 --burst        # the room votes at once
    .venv/bin/python bench/profile_work.py --phones 1000 --burst --plain   # without the profiler
    .venv/bin/python bench/profile_work.py --phones 20 --sessions 50 --plain --held 500
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
import uuid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=1000, help="phones per session")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--together", type=int, default=5, help="answers taken in one turn")
    parser.add_argument("--refresh", type=int, default=50, help="answers between refreshes")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--burst", action="store_true",
                        help="a room voting at once: turns of 100 answers, a refresh every 250 "
                             "(about what the answer desk and the refresher do with 1,000 phones "
                             "answering within 1 s)")
    parser.add_argument("--held", type=int, default=0, metavar="N",
                        help="the database holds N ended sessions of 20 people from earlier "
                             "trainings (held_sessions.py)")
    parser.add_argument("--stats", help="also write the profile to this file (bench/profile_table.py)")
    parser.add_argument("--plain", action="store_true",
                        help="CPU times without the profiler (which about doubles them)")
    args = parser.parse_args()
    if args.burst:
        args.together, args.refresh = 100, 250
    os.environ["FACILITATOR_INSTANCE"] = tempfile.mkdtemp(prefix="facilitator-profile-")

    from facilitator import create_app
    from facilitator.contract.plugins import plugin_host
    from facilitator.database import upgrade
    from facilitator.extensions import db, socketio
    from facilitator.live import answers, broadcast
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import Participant
    from facilitator.web.accounts import add_user

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(
        os.environ["FACILITATOR_INSTANCE"], "profile.sqlite"), "RATELIMIT_ENABLED": False})
    upgrade(app)
    socketio.emit = lambda *_args, **_kwargs: None  # the sockets are not what we measure here
    refresher = app.extensions["facilitator.refresher"] = broadcast.Refresher(
        app, 0.25, background=False)  # refreshes only when flushed below
    with app.test_request_context():
        trainer = add_user("profile@example.nl", "profile password 1", "trainer")
        if args.held:
            from held_sessions import hold  # beside this script

            hold(args.held, 20, trainer)
        sessions = []
        for _session in range(args.sessions):
            workshop = workshops.create(
                scenarios.builtin(plugin_host())["stellingen-veilig-werken"], trainer)
            people = [Participant(workshop_id=workshop.id, token_hash=uuid.uuid4().hex,
                                  connections=1) for _n in range(args.phones)]
            db.session.add_all(people)
            db.session.commit()
            sessions.append((workshop.id, [person.id for person in people]))
        db.session.remove()
        profile = cProfile.Profile()
        if args.plain:
            profile.enable = profile.disable = lambda: None

        started = time.process_time()
        profile.enable()
        for workshop_id, _people in sessions:  # commits, then sends the step to everyone
            workshops.control(workshop_id, "start", {})
            db.session.remove()
        profile.disable()
        step_change = (time.process_time() - started) / len(sessions)

        started = time.process_time()
        profile.enable()
        for first in range(0, args.phones, args.together):
            for workshop_id, people in sessions:
                turn = [answers.Answer(person, "s1", {"choice": "agree"}, uuid.uuid4().hex,
                                       False) for person in people[first:first + args.together]]
                answers.take_together(workshop_id, turn)
                db.session.remove()
            if (first // args.together + 1) * args.together % args.refresh < args.together:
                refresher.flush()  # the screen, console and answering phones of every session
                db.session.remove()
        profile.disable()
        answering = (time.process_time() - started) / len(sessions)
        views = _time_views(args, sessions[-1]) if args.plain else ""

        started = time.process_time()
        profile.enable()
        for workshop_id, _people in sessions:  # on to the next step, everyone having answered
            workshops.control(workshop_id, "next", {})
            db.session.remove()
        profile.disable()
        moving_on = (time.process_time() - started) / len(sessions)

    held = f" among {args.held} sessions held" if args.held else ""
    print(f"{args.sessions} x {args.phones} phones{held}: step change {step_change * 1000:.0f} ms CPU; "
          f"{answering / args.phones * 1000:.2f} ms CPU per answer "
          f"(turns of {args.together}, a refresh every {args.refresh} answers); "
          f"the next step change {moving_on * 1000:.1f} ms CPU\n")
    if args.plain:
        print(views)
        return
    pstats.Stats(profile).sort_stats("cumulative").print_stats(r"facilitator|templates", args.top)
    if args.stats:
        profile.dump_stats(args.stats)


def _time_views(args, session: tuple[int, list[int]], times: int = 200) -> str:
    """CPU per rendering of each view of the last session, everyone having answered (--plain)."""
    from facilitator.extensions import db
    from facilitator.live import snapshots

    workshop_id, people = session
    reading = snapshots.read_by_id(workshop_id)
    _read_once = reading.meta, reading.results  # as in a refresh
    timed = {"the reading": lambda: (snapshots.read_by_id(workshop_id), db.session.remove()),
             "the screen": reading.screen, "the console": reading.console,
             "the console's patch": reading.console_patch,
             "one phone": lambda: list(reading.phones(people[:1]))}
    figures = []
    for name, render in timed.items():
        started = time.process_time()
        for _time in range(times):
            render()
        figures.append(f"{name} {(time.process_time() - started) / times * 1000:.2f} ms")
    return f"per view, {args.phones} phones: {', '.join(figures)}\n"


if __name__ == "__main__":
    main()
