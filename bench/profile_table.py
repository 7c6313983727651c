"""A cProfile statistics file (``compare.py --profile``, ``profile_work.py``) as markdown tables
for docs/performance.md: where the server's time went, by part, and the functions that took most.

    .venv/bin/python bench/profile_table.py server.prof

Times are each function's own time ("tottime"), which under gevent is the one figure that is
not muddled by greenlet switches; a greenlet waiting for the network or for a timer is counted in
the gevent functions it waits in (the "waiting" row), so the other rows are the work.
"""

from __future__ import annotations

import argparse
import pstats
import re
from pathlib import Path

PARTS = (  # (name, pattern on "file:function"), the first that matches
    ("waiting (gevent: network, timers, idle)",
     r"gevent/(hub|_socketcommon|_abstract_linkable|event|thread|queue|greenlet|_hub)|"
     r"threading\.py:wait$|:sleep$|select|poll\b|epoll"),
    ("database (SQLAlchemy, SQLite, psycopg)", r"sqlalchemy|sqlite3|psycopg|_sqlite"),
    ("rendering (Jinja, translations, escaping)", r"jinja2|markupsafe|/templates/|babel"),
    ("Socket.IO and WebSocket (python-socketio, engineio, wsproto, sockets)",
     r"socketio|engineio|simple_websocket|wsproto|_socket\.socket|ssl"),
    ("JSON", r"json/|\bjson\b"),
    ("facilitator's own code (live, sessions, work forms)", r"/(facilitator|plugins)/"),
    ("Python built-ins, Flask, Werkzeug and the rest", r"."),
)


def label(filename: str, line: int, name: str) -> str:
    where = re.sub(r".*/(site-packages|lib/python3\.\d+|wt/[^/]+)/", "", filename)
    return f"{where}:{line}({name})" if line else name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stats", type=Path)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    stats = pstats.Stats(str(args.stats))
    parts = {name: 0.0 for name, _pattern in PARTS}
    functions = []
    for (filename, line, name), (_cc, calls, own, _cumulative, _callers) in stats.stats.items():
        key = f"{filename}:{name}"
        part = next(n for n, pattern in PARTS if re.search(pattern, key))
        parts[part] += own
        if not part.startswith("waiting"):
            functions.append((own, calls, label(filename, line, name)))
    work = sum(v for k, v in parts.items() if not k.startswith("waiting"))
    print("| part | own time s | share of the work |")
    print("| --- | --- | --- |")
    for name, seconds in parts.items():
        share = "-" if name.startswith("waiting") else f"{100 * seconds / work:.0f} %"
        print(f"| {name} | {seconds:.2f} | {share} |")
    print("\n| function (own time, not waiting) | calls | own s | share |\n| --- | --- | --- | --- |")
    for own, calls, where in sorted(functions, reverse=True)[:args.top]:
        print(f"| `{where}` | {calls} | {own:.2f} | {100 * own / work:.1f} % |")


if __name__ == "__main__":
    main()
