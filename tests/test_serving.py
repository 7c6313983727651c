"""A serving process runs on gevent's event loop (``facilitator serve`` and gunicorn's gevent
worker) unless told to use threads, settles its memory once before phones connect, and gunicorn
gets the app from ``facilitator.wsgi``."""

import gc
import importlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from facilitator import serving

from .clients import close_all, join_phone, trainer_console
from .servers import BIN, HEALTH_TOKEN, Server


@pytest.fixture
def collector():
    """Whatever a test does to the garbage collector is undone afterwards."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_settling_freezes_what_start_up_made_and_collects_the_young_less_often(collector):
    kept = gc.get_threshold()
    serving.settle()
    assert gc.get_freeze_count() > 10_000  # modules, classes, templates: out of every full pass
    assert gc.get_threshold() == (serving.YOUNG_COLLECTION, kept[1], kept[2])


def test_gunicorns_entry_point_is_a_settled_app(tmp_path, monkeypatch, collector):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    monkeypatch.delitem(sys.modules, "facilitator.wsgi", raising=False)
    from facilitator.database import upgrade

    wsgi = importlib.import_module("facilitator.wsgi")
    upgrade(wsgi.app)
    assert wsgi.app.test_client().get("/healthz").get_json()["ok"] is True
    assert gc.get_freeze_count() > 0


GUNICORN = [str(BIN / "gunicorn"), "--workers", "1", "--worker-class", "gevent",
            "--worker-connections", "200", "--bind", "127.0.0.1:{port}", "facilitator.wsgi:app"]


@pytest.mark.server
@pytest.mark.parametrize("how, env, mode", [
    ("serve", {}, "gevent"),
    ("serve", {"FACILITATOR_ASYNC_MODE": "threading"}, "threading"),
    ("gunicorn", {}, "gevent"),  # as docs/deploy.md runs it
])
def test_a_served_process_carries_a_session_in_its_async_mode(tmp_path, how, env, mode):
    server = Server(tmp_path, extra_env=env, command=GUNICORN if how == "gunicorn" else None)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    clients = []
    try:
        asked = urllib.request.Request(server.url + "/healthz",
                                       headers={"Authorization": f"Bearer {HEALTH_TOKEN}"})
        with urllib.request.urlopen(asked, timeout=10) as response:
            health = json.load(response)
        assert health["async_mode"] == mode
        if how == "serve":  # restarted under gevent.monkey in place: systemd and kill see one process
            assert health["pid"] == server.process.pid
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        phones = [join_phone(server.url, session["code"]) for _ in range(3)]
        clients = [console, *phones]
        assert console.call("control", {"action": "start"})["ok"]
        assert console.call("control", {"action": "next", "data": {"step": "s1"}})["ok"]
        for phone, choice in zip(phones, ("agree", "disagree", "agree"), strict=True):
            phone.wait_for(lambda s: s["meta"].get("step") == "s2")
            assert phone.call("answer", {"step": "s2", "data": {"choice": choice}})["ok"]
        console.wait_for(lambda s: s["meta"].get("answered") == 3)
    finally:
        close_all(clients)
        server.stop()


def test_an_unknown_async_mode_stops_serve_with_the_choices(monkeypatch):
    monkeypatch.setenv("FACILITATOR_ASYNC_MODE", "eventlet")
    with pytest.raises(SystemExit, match="use gevent .the default. or threading"):
        serving.on_event_loop(["serve"])
    monkeypatch.setenv("FACILITATOR_ASYNC_MODE", " Threading ")  # said loosely, still understood
    assert serving.on_event_loop(["serve"]) is None  # stays on threads: no restart


def test_serve_runs_the_installed_facilitator_whatever_folder_it_is_started_in(tmp_path):
    """``facilitator serve`` starts itself again under ``python -m gevent.monkey``; ``-m`` puts
    the current folder first on the path, so started in a folder that holds another
    ``facilitator`` (a checkout of another version, say) it served that one instead."""
    decoy = tmp_path / "facilitator"
    decoy.mkdir()
    for name in ("__init__.py", "__main__.py"):
        (decoy / name).write_text("raise SystemExit('the facilitator of the current folder ran')\n")
    with socket.socket() as taken:  # the real one stops at once, before it serves: port taken
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = subprocess.run(
            [str(BIN / "facilitator"), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
            env={**os.environ, "FACILITATOR_INSTANCE": str(tmp_path / "instance"),
                 "FACILITATOR_ASYNC_MODE": "gevent", "FACILITATOR_LANGUAGE": "en"})
    said = ran.stdout + ran.stderr
    assert "current folder ran" not in said
    assert ran.returncode == 1 and f"{port}" in said, said


GIVING_WAY = '''
import json, socket, time
import gevent
from facilitator import serving

order = []
here, there = socket.socketpair()


def reader():
    here.recv(1)
    order.append("a message that arrived meanwhile")


def step_change():
    there.sendall(b"x")
    gevent.spawn(order.append, "a greenlet ready to run")
    serving.give_way(5)
    order.append("the console")


listening = gevent.spawn(reader)
gevent.sleep(0.01)  # the reader waits on its socket
gevent.spawn(step_change).join()
listening.join()

ping, pong = socket.socketpair()  # a loop that is never idle: two greenlets bouncing a message


def bounce(sock):
    while True:
        sock.sendall(b"x")
        sock.recv(1)


players = [gevent.spawn(bounce, ping), gevent.spawn(bounce, pong)]
gevent.sleep(0.05)
began = time.monotonic()
serving.give_way(0.2)
waited = time.monotonic() - began
gevent.killall(players)
print(json.dumps({"order": order, "waited": waited}))
'''


def test_giving_way_on_the_event_loop_lets_what_arrived_on_the_sockets_go_first(tmp_path):
    """What a step change renders last (the console) waits for the messages that arrived while
    it ran, such as the other sessions' step changes; ``sleep(0)`` would resume before them."""
    script = tmp_path / "giving_way.py"
    script.write_text(GIVING_WAY)
    ran = subprocess.run([sys.executable, "-m", "gevent.monkey", str(script)],
                         capture_output=True, text=True, timeout=60, check=True)
    outcome = json.loads(ran.stdout)
    assert outcome["order"] == ["a greenlet ready to run", "a message that arrived meanwhile",
                                "the console"]
    assert 0.15 < outcome["waited"] < 2, "a busy loop must not keep it waiting for ever"


STEP_CHANGES_TOGETHER = '''
import json
import engineio
import gevent
from facilitator import serving

SESSIONS, PHONES = 6, 4
server = engineio.Server(async_mode="gevent")
order = []


def writer(session, phone, queue):
    """A connection's writer, as Engine.IO's: it sends what is queued for it, when the loop
    gets to it."""
    while True:
        queue.get()
        queue.task_done()
        order.append(f"page {session}.{phone} written")


def step_change(session, queues):
    with serving.one_room_at_a_time():
        order.append(f"step change {session}")
        if session == 2:  # refused: it queues nothing, and hands the turn on
            return
        for queue in queues:
            queue.put("the new step")
        serving.messages_queued()
        serving.give_way(5)
        order.append(f"console {session}")


def answer_turn():
    """The answer desk's next turn, ready as the step changes are (a room answering at once)."""
    serving.after_the_step_changes()
    order.append("answers taken")


rooms = [[server.create_queue() for _phone in range(PHONES)] for _session in range(SESSIONS)]
writers = [gevent.spawn(writer, s, p, q) for s, room in enumerate(rooms) for p, q in enumerate(room)]
gevent.sleep(0.01)  # every writer waits for its first message
together = [gevent.spawn(step_change, s, room) for s, room in enumerate(rooms)]
gevent.joinall([*together, gevent.spawn(answer_turn)])
gevent.killall(writers)
print(json.dumps(order))
'''


def test_step_changes_together_each_room_gets_its_pages_before_the_next_begins(tmp_path):
    """Fifty trainers pressing "next" at the same moment: on gevent's loop a page is queued for
    its connection's writer, which had its turn only after every step change ready before it,
    so every room waited for the last session's step change. Each step change now waits until
    the pages of the one before are written, the answer desk's next turn waits for the rooms
    still waiting, and the consoles come after all of them."""
    script = tmp_path / "step_changes_together.py"
    script.write_text(STEP_CHANGES_TOGETHER)
    ran = subprocess.run([sys.executable, "-m", "gevent.monkey", str(script)],
                         capture_output=True, text=True, timeout=60, check=True)
    order = json.loads(ran.stdout)
    expected = []
    for session in range(6):
        expected.append([f"step change {session}"])
        if session != 2:  # the refused one
            expected[-1] += sorted(f"page {session}.{phone} written" for phone in range(4))
    rooms, place = [], 0
    for room in expected:
        rooms.append([order[place], *sorted(order[place + 1:place + len(room)])])
        place += len(room)
    assert rooms == expected, order
    assert order[place] == "answers taken", order  # after every room, before the consoles
    assert sorted(order[place + 1:]) == [f"console {s}" for s in (0, 1, 3, 4, 5)], order


def test_giving_way_on_threads_is_a_plain_yield():
    began = time.monotonic()
    serving.give_way(5)
    assert time.monotonic() - began < 1
