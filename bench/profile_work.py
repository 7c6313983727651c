"""Where facilitator's own time goes, without sockets: one session of N phones, a step change to
all of them, then every phone answers (in turns of --together answers, with a coalesced refresh of
the screen, console and answering phones every --refresh answers). Prints CPU milliseconds per
step change and per answer, and the functions that took the most (cProfile).

    .venv/bin/python bench/profile_work.py --phones 1000
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
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--together", type=int, default=5, help="answers taken in one turn")
    parser.add_argument("--refresh", type=int, default=50, help="answers between refreshes")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ["FACILITATOR_INSTANCE"] = tempfile.mkdtemp(prefix="facilitator-profile-")

    from facilitator import answers, broadcast, create_app, scenarios, workshops
    from facilitator.accounts import add_user
    from facilitator.database import upgrade
    from facilitator.extensions import db, socketio
    from facilitator.models import Participant
    from facilitator.plugins import plugin_host

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(
        os.environ["FACILITATOR_INSTANCE"], "profile.sqlite"), "COALESCE_SECONDS": 3600,
        "RATELIMIT_ENABLED": False})
    upgrade(app)
    socketio.emit = lambda *_args, **_kwargs: None  # the sockets are not what we measure here
    socketio.start_background_task = lambda *_args, **_kwargs: None
    coalescer = app.extensions["facilitator.coalescer"]
    with app.test_request_context():
        trainer = add_user("profile@example.nl", "profile password 1", "trainer")
        workshop = workshops.create(scenarios.builtin(plugin_host())["stellingen-veilig-werken"],
                                    trainer)
        workshop_id = workshop.id
        db.session.add_all(Participant(workshop_id=workshop_id, token_hash=f"profile-{n}",
                                       connections=1) for n in range(args.phones))
        db.session.commit()
        people = list(db.session.scalars(db.select(Participant.id)))
        profile = cProfile.Profile()

        started = time.process_time()
        profile.enable()
        workshops.control(workshop, "start", {})  # commits, then sends the step to everyone
        profile.disable()
        step_change = time.process_time() - started

        started = time.process_time()
        profile.enable()
        for first in range(0, len(people), args.together):
            turn = [answers.Answer(person, "s1", {"choice": "agree"}, uuid.uuid4().hex, False)
                    for person in people[first:first + args.together]]
            answers.take_together(workshop_id, turn)
            db.session.remove()
            if (first // args.together + 1) * args.together % args.refresh < args.together:
                views, phones = coalescer.pending.pop(workshop_id, (False, set()))
                broadcast._refresh_now(workshop_id, views, phones)
                db.session.remove()
        profile.disable()
        answering = time.process_time() - started

    print(f"{args.phones} phones: step change {step_change * 1000:.0f} ms CPU; "
          f"{answering / args.phones * 1000:.2f} ms CPU per answer "
          f"(turns of {args.together}, a refresh every {args.refresh} answers)\n")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(r"facilitator|templates", args.top)


if __name__ == "__main__":
    main()
