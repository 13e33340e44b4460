"""Running it for months: Prometheus metrics over a real socket, JSON log lines, no task dying silently."""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import logging
import time
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot import loops, metrics
from bot.config import Settings, load_settings
from bot.logs import setup_logging
from bot.service import Service
from tests.support.feed_server import FeedServer, item, rss_feed

PRESSURE = "Carlo Ancelotti is under serious pressure at Real Madrid after a third defeat in a row."


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample the endpoint serves, keyed by (name, sorted labels)."""
    response = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5)
    response.raise_for_status()
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def delta(after: dict, before: dict, name: str, **labels: str) -> float:  # type: ignore[type-arg]
    key = (name, tuple(sorted(labels.items())))
    return float(after.get(key, 0.0)) - float(before.get(key, 0.0))


@pytest.fixture(scope="module")
def metrics_port() -> Iterator[int]:
    server = metrics.serve(0, "127.0.0.1")
    try:
        yield int(server.server_port)
    finally:
        server.shutdown()
        server.server_close()


async def test_a_real_poll_shows_up_on_the_metrics_endpoint(settings: Settings, metrics_port: int) -> None:
    async with FeedServer() as feeds:
        feeds.feed(
            "/news.xml",
            rss_feed(
                [
                    item(1, title="Ancelotti under pressure at Real Madrid", summary=PRESSURE),
                    item(2, title="Transfer window opens", summary="Clubs prepare their budgets."),
                ]
            ),
        )
        feeds.status("/down.xml", 500)
        service = await Service.open(settings)
        try:
            await service.news.add_feed(feeds.url("/news.xml"), None)
            await service.news.add_feed(feeds.url("/down.xml"), None)
            before = await asyncio.to_thread(scrape, metrics_port)
            report = await service.news.poll_once()
        finally:
            await service.close()
    after = await asyncio.to_thread(scrape, metrics_port)
    assert (report.ok, report.failures, report.new) == (1, 1, 2)
    assert delta(after, before, "hotseat_polls_total") == 1
    assert delta(after, before, "hotseat_feed_fetches_total", outcome="ok") == 1
    assert delta(after, before, "hotseat_feed_fetches_total", outcome="failed") == 1
    assert delta(after, before, "hotseat_fetch_failures_total") == 1
    assert delta(after, before, "hotseat_articles_total") == 2
    findings = sum(
        value - before.get(key, 0.0) for key, value in after.items() if key[0] == "hotseat_findings_total"
    )
    assert findings == 2
    pressure = [key for key in after if key[0] == "hotseat_findings_total" and ("level", "0") not in key[1]]
    assert any(("language", "en") in key[1] and after[key] > before.get(key, 0.0) for key in pressure)
    assert after[("hotseat_last_poll_timestamp_seconds", ())] >= time.time() - 60


def test_json_logs_are_one_object_per_line(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HOTSEAT_LOG_FILE", raising=False)
    settings = load_settings(HOTSEAT_LOG_FORMAT="json", HOTSEAT_DB="x.db")
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        setup_logging(settings)
        log = logging.getLogger("hotseat.test")
        log.info("polled %d feeds\nsecond line \x1b[31m", 3)
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("it broke at /webhooks/123/secret-token")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    entries = [json.loads(line) for line in lines]
    assert [e["message"] for e in entries] == [
        "polled 3 feeds\nsecond line \x1b[31m",
        "it broke at /webhooks/123/<token>",
    ]
    assert all("\x1b" not in line for line in lines)  # JSON escapes control characters
    first, second = entries
    assert set(first) == {"time", "level", "logger", "message"}
    assert (first["level"], first["logger"]) == ("INFO", "hotseat.test")
    assert first["time"].endswith("+00:00")
    assert second["level"] == "ERROR"
    assert "ValueError: boom" in second["exception"] and "Traceback" in second["exception"]


def failures(task: str) -> float:
    return metrics.TASK_FAILURES.labels(task)._value.get()


async def test_a_crashing_loop_is_logged_counted_and_restarted_with_growing_pauses(
    caplog: pytest.LogCaptureFixture,
) -> None:
    runs: list[float] = []

    async def crashing() -> None:
        runs.append(time.monotonic())
        if len(runs) <= 3:
            raise RuntimeError(f"crash {len(runs)}")

    before = failures("crashy")
    with caplog.at_level(logging.ERROR, logger="bot.loops"):
        await asyncio.wait_for(
            loops.keep_running("crashy", crashing, first_delay=0.05, max_delay=1.0), timeout=10
        )
    assert len(runs) == 4
    assert failures("crashy") - before == 3
    pauses = [b - a for a, b in itertools.pairwise(runs)]
    assert pauses[0] >= 0.05 and pauses[1] >= 0.1 and pauses[2] >= 0.2  # doubling backoff
    assert [r.exc_info[1].args[0] for r in caplog.records if r.exc_info and r.exc_info[1]] == [
        "crash 1",
        "crash 2",
        "crash 3",
    ]


async def test_a_watched_task_that_raises_is_logged_and_counted_at_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def dies() -> None:
        raise LookupError("nobody awaits me")

    before = failures("orphan")
    with caplog.at_level(logging.ERROR, logger="bot.loops"):
        task = loops.watch(asyncio.create_task(dies(), name="orphan"))
        await asyncio.wait([task])
        await asyncio.sleep(0)  # done callbacks run on the next loop step
    assert failures("orphan") - before == 1
    assert any(r.exc_info and isinstance(r.exc_info[1], LookupError) for r in caplog.records)


async def test_the_loop_handler_catches_an_unretrieved_task_exception(
    caplog: pytest.LogCaptureFixture,
) -> None:
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    loops.install_exception_handler(loop)
    before = failures("forgotten")

    async def dies() -> None:
        raise KeyError("lost")

    try:
        with caplog.at_level(logging.ERROR, logger="bot.loops"):
            task = asyncio.create_task(dies(), name="forgotten")
            await asyncio.wait([task])
            del task
            gc.collect()  # the unretrieved exception is reported when the task is collected
            await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(previous)
    assert failures("forgotten") - before == 1
    assert any(r.exc_info and isinstance(r.exc_info[1], KeyError) for r in caplog.records)
