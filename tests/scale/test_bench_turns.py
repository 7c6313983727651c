"""``bench/turns.py`` times the step changes of a served process through a hook that wraps
``facilitator.serving``: on a real gevent loop, with Engine.IO's queues, the hook must see every
step change ask for its turn, begin, queue its pages, have them written and end, in that order,
and the summary must count them per round."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TWO_ROUNDS = '''
import engineio
import gevent
from facilitator import serving

server = engineio.Server(async_mode="gevent")


def writer(queue):
    while True:
        queue.get()
        queue.task_done()


def step_change(session, queues):
    with serving.one_room_at_a_time():
        if session == 1:  # refused: it queues nothing
            return
        for queue in queues:
            queue.put("the new step")
        serving.messages_queued()


rooms = [[server.create_queue() for _phone in range(3)] for _session in range(3)]
writers = [gevent.spawn(writer, queue) for room in rooms for queue in room]
gevent.sleep(0.01)
for _round in range(2):
    gevent.joinall([gevent.spawn(step_change, s, room) for s, room in enumerate(rooms)])
    gevent.sleep(0.3)
gevent.killall(writers)
'''


def _turns():
    spec = importlib.util.spec_from_file_location("bench_turns", ROOT / "bench" / "turns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_hook_times_every_step_change_of_each_round_in_order(tmp_path):
    script, log = tmp_path / "two_rounds.py", tmp_path / "turns.log"
    script.write_text(TWO_ROUNDS)
    env = {**os.environ, "FACILITATOR_TURN_LOG": str(log),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "bench" / "turn_hook"), str(ROOT)])}
    subprocess.run([sys.executable, "-m", "gevent.monkey", str(script)], env=env,
                   capture_output=True, text=True, timeout=60, check=True)
    turns = _turns()
    turns.ROUND_GAP = 0.2
    rounds = turns.rounds(log)
    assert len(rounds) == 2
    for moments in rounds:
        said = [what for _when, what in moments]
        # the first begins at once and ends before the others ask; they wait for its pages to
        # be written; the refused one queues nothing and hands its turn on at its end
        assert said == ["asked", "began", "queued", "ended", "asked", "asked", "written",
                        "began", "ended", "began", "queued", "ended", "written"], said
        assert [when for when, _what in moments] == sorted(when for when, _what in moments)
        assert turns.summary(moments).startswith("3 step changes asked within ")
