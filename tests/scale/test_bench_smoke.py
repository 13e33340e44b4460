"""The command benchmark runs end to end on the small store and reports every call with its baseline."""

from __future__ import annotations

from pathlib import Path

from bench.commands import measure, summary


async def test_commands_benchmark_reports_every_call(store_copy: Path) -> None:
    results = await measure(store_copy, rounds=3)
    assert {"gap", "table", "successor", "hotseat", "manager", "digest"} <= set(results)
    assert any(name.startswith("ac_club:") for name in results)
    for name in ("successor", "hotseat", "manager", "digest"):
        assert results[name]["statements"] > 0 and results[name]["raw_p50_ms"] > 0, name
    report = summary(results)
    assert report["worst_command_p99_ms"] > 0
    assert report["commands_meeting_p99"].endswith("/7")
