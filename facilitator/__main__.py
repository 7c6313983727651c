"""``python -m facilitator``: the ``facilitator`` command. ``facilitator serve`` starts the server this
way, under ``python -m gevent.monkey`` (see ``serving.on_event_loop``)."""

from .cli import main

main(prog_name="facilitator")
