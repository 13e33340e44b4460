"""Optional Prometheus metrics: counters the process keeps, served when `HOTSEAT_METRICS_PORT` is set.

The counters live in a registry of their own (not prometheus-client's global one), so importing them
costs nothing and a test can read them directly; `serve` exposes them over HTTP on `/metrics`.
Labels are small closed sets (outcome, level, language code, command name, task name), never feed
URLs or server ids, so the number of series stays bounded however many servers and feeds there are.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

if TYPE_CHECKING:
    from bot.news.reports import PollReport
    from bot.rumours.results import RecordedFinding

log = logging.getLogger(__name__)

REGISTRY = CollectorRegistry(auto_describe=True)

POLLS = Counter("hotseat_polls", "Poll cycles finished (each fetches every due feed once)", registry=REGISTRY)
FETCHES = Counter(
    "hotseat_feed_fetches",
    "Feed fetches by outcome (ok, not_modified, failed)",
    ["outcome"],
    registry=REGISTRY,
)
FETCH_FAILURES = Counter("hotseat_fetch_failures", "Feed fetches that failed", registry=REGISTRY)
ARTICLES = Counter("hotseat_articles", "New articles stored", registry=REGISTRY)
FINDINGS = Counter(
    "hotseat_findings",
    "Articles analysed, by pressure level and language",
    ["level", "language"],
    registry=REGISTRY,
)
DELIVERIES = Counter(
    "hotseat_deliveries",
    "Digest and alert posts by outcome (posted, failed)",
    ["kind", "outcome"],
    registry=REGISTRY,
)
COMMAND_SECONDS = Histogram(
    "hotseat_command_seconds",
    "Time from receiving a slash command to finishing it",
    ["command"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
TASK_FAILURES = Counter(
    "hotseat_task_failures",
    "Background tasks or loops that raised (logged, then restarted)",
    ["task"],
    registry=REGISTRY,
)
LAST_POLL = Gauge(
    "hotseat_last_poll_timestamp_seconds", "When the last poll cycle finished (Unix time)", registry=REGISTRY
)


def record_poll(report: PollReport) -> None:
    """Count one finished poll cycle and what its fetches did."""
    POLLS.inc()
    LAST_POLL.set(time.time())
    FETCHES.labels("ok").inc(report.ok)
    FETCHES.labels("not_modified").inc(report.not_modified)
    FETCHES.labels("failed").inc(report.failures)
    FETCH_FAILURES.inc(report.failures)
    ARTICLES.inc(report.new)


def record_finding(recorded: RecordedFinding | None, fallback_language: str) -> None:
    """Count one analysed article by its level (0 = no pressure) and the language it was read in."""
    finding = recorded.finding if recorded is not None else None
    level = finding.level if finding is not None and finding.pressure else 0
    language = (finding.lang if finding is not None else None) or fallback_language or "und"
    FINDINGS.labels(str(level), language[:8]).inc()


def record_delivery(kind: str, posted: bool) -> None:
    DELIVERIES.labels(kind, "posted" if posted else "failed").inc()


def serve(port: int, address: str = "0.0.0.0") -> WSGIServer:
    """Serve `/metrics` on a daemon thread; port 0 picks a free port (read `server.server_port`)."""
    server, _thread = start_http_server(port, addr=address, registry=REGISTRY)
    log.info("metrics on http://%s:%d/metrics", address, server.server_port)
    return server
