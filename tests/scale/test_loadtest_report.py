"""The load test's arithmetic: nearest-rank percentiles, and what counts as passed."""

from facilitator.loadtest.report import Report, Spread, percentile


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))  # 1..100
    assert percentile(values, .5) == 50
    assert percentile(values, .95) == 95
    assert percentile(values, .99) == 99
    assert percentile([7.0], .99) == 7.0
    assert percentile([], .5) is None


def test_a_spread_is_in_milliseconds():
    spread = Spread.of([0.1, 0.2, 0.3, 0.4])
    assert (spread.count, spread.p50, spread.max) == (4, 200.0, 400.0)


def test_one_lost_answer_fails_the_rehearsal():
    report = Report(sessions=1, phones=10, rounds=1, connected=10, answers_sent=10)
    assert report.passed and "PASSED" in report.text()
    report.answers_lost = 1
    assert not report.passed and report.text().endswith("FAILED")


def test_memory_per_phone_comes_from_the_growth_while_phones_connect():
    report = Report(sessions=1, phones=100, rounds=1, connected=100,
                    memory_before_kb=100_000, memory_with_phones_kb=114_000)
    assert report.memory_per_phone_kb == 140


def _rehearse_nothing(monkeypatch, connect=None) -> None:
    """A rehearsal of no phones against no server: what it does around them, in this process
    (on a thread of its own: after a browser test, Playwright's event loop runs on this one)."""
    from facilitator.loadtest import rehearsal

    from ..clients import run_coroutine

    async def nothing(*_args, **_kwargs):
        return None, None

    async def health(url, token=None):
        return {}

    monkeypatch.setattr(rehearsal, "_connect_all", connect or nothing)
    monkeypatch.setattr(rehearsal, "usage", nothing)
    monkeypatch.setattr(rehearsal, "server_health", health)
    run_coroutine(rehearsal.run([], rehearsal.Plan("http://127.0.0.1:9", phones=0, rounds=0), []))


def test_the_simulated_phones_are_settled_once_connected_as_a_server_is(monkeypatch):
    """The load generator's own garbage collector must not stop a thousand simulated phones at
    once in the middle of a step change: it is settled (``serving.settle``) before the steps."""
    from facilitator import serving

    happened = []
    monkeypatch.setattr(serving, "settle", lambda: happened.append("settled"))

    async def connected(views, report, at_once=50):
        happened.append("connected")

    _rehearse_nothing(monkeypatch, connected)
    assert happened == ["connected", "settled"]


def test_a_rehearsal_leaves_the_collector_of_its_process_as_it_found_it(monkeypatch):
    import gc

    before = gc.get_threshold()
    _rehearse_nothing(monkeypatch)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
