"""Fill a facilitator database with sessions held earlier, as a server in use for a year holds
them: ``compare.py --held N`` runs this before it starts facilitator, so that the rehearsal's
sessions live among N ended ones (each from the starter scenario, with its people and every
answer they gave). What a live session does per answer should not grow with them.

    FACILITATOR_DATABASE_URL=sqlite:///bench.sqlite python bench/held_sessions.py 500 --people 20
"""

from __future__ import annotations

import argparse
import uuid


def hold(sessions: int, people: int, trainer) -> None:
    """Add ``sessions`` ended sessions of ``people`` people each, every answer given, held by
    ``trainer`` (a User); in an app context."""
    from sqlalchemy import insert

    from facilitator.contract.plugins import plugin_host
    from facilitator.extensions import db
    from facilitator.sessions import scenarios, stepviews, workshops
    from facilitator.sessions.models import Entry, Participant

    scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
    for _number in range(sessions):
        made = workshops.create(scenario, trainer)
        made.status, made.position = "ended", 0
        joined = db.session.scalars(insert(Participant).returning(Participant.id), [
            {"workshop_id": made.id, "token_hash": uuid.uuid4().hex, "display_name": None}
            for _person in range(people)]).all()
        answered = []
        for activity, row in stepviews.flat_steps(made):
            row.status = "closed"
            if stepviews.step_of(activity, row).takes_input:
                answered += [{"step_id": row.id, "author": f"p{person}", "slot": "",
                              "participant_id": person, "payload": {"choice": "agree"}}
                             for person in joined]
        if answered:
            db.session.execute(insert(Entry), answered)
        db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions", type=int)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--trainer", default="bench@example.nl", help="the trainer who held them")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from facilitator import create_app
    from facilitator.extensions import db
    from facilitator.sessions.models import Entry, StepState, User, Workshop

    with create_app({"RATELIMIT_ENABLED": False}).test_request_context("/"):
        hold(args.sessions, args.people,
             db.session.scalar(select(User).where(User.email == args.trainer)))
        print(f"held: {db.session.scalar(select(func.count(Workshop.id)))} sessions, "
              f"{db.session.scalar(select(func.count(StepState.id)))} steps, "
              f"{db.session.scalar(select(func.count(Entry.id)))} answers")


if __name__ == "__main__":
    main()
