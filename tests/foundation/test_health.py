"""`hotseat health`: exit 0 only when this instance's heartbeat is fresh, its gateway connected (bot
roles) and its last poll recent (poller roles); otherwise exit 1 with the reason in one line."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.config import Settings, load_settings
from bot.health import Heartbeat, judge
from storage import Store


def beat(
    settings: Settings, role: str, *, gateway: bool | None = None, polled: datetime | None = None
) -> None:
    async def write() -> None:
        store = await Store.open(settings.db_path)
        try:
            await Heartbeat(
                store,
                settings,
                role,
                gateway=(lambda: gateway) if gateway is not None else None,
                last_poll=lambda: polled,
            ).beat()
        finally:
            await store.close()

    asyncio.run(write())


def health(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["health", "--db", str(db), "--json", *extra])
    out = capsys.readouterr().out
    answer = json.loads(out)
    assert answer["healthy"] is (code == 0)
    return code, str(answer["reason"])


@pytest.fixture
def cluster_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOTSEAT_INSTANCE", "poller-1")
    return load_settings(HOTSEAT_DB=str(tmp_path / "h.db"))


def test_no_heartbeat_is_unhealthy(cluster_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    code, reason = health(cluster_settings.db_path, capsys)
    assert code == 1 and "no heartbeat from instance 'poller-1'" in reason


def test_a_poller_with_a_recent_poll_is_healthy_and_a_stale_one_is_not(
    cluster_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    beat(cluster_settings, "poller", polled=datetime.now(UTC) - timedelta(minutes=5))
    assert health(cluster_settings.db_path, capsys) == (0, "instance 'poller-1' (poller) is healthy")
    beat(cluster_settings, "poller", polled=datetime.now(UTC) - timedelta(minutes=90))
    code, reason = health(cluster_settings.db_path, capsys)
    assert code == 1 and "last finished a poll 90 min ago" in reason


def test_a_bot_needs_its_gateway_and_each_instance_is_judged_on_its_own(
    cluster_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    bot = cluster_settings.model_copy(update={"instance": "bot-a"})
    beat(bot, "bot", gateway=False)
    code, reason = health(cluster_settings.db_path, capsys, "--instance", "bot-a")
    assert code == 1 and "not connected to the Discord gateway" in reason
    beat(bot, "bot", gateway=True)
    assert health(cluster_settings.db_path, capsys, "--instance", "bot-a")[0] == 0
    assert health(cluster_settings.db_path, capsys)[0] == 1  # poller-1 never beat


def test_a_stale_heartbeat_means_the_process_is_gone(cluster_settings: Settings) -> None:
    now = datetime.now(UTC)
    fresh = {"role": "all", "at": now.isoformat(), "gateway": True, "last_poll_at": now.isoformat()}
    assert judge(fresh, cluster_settings, now).healthy
    assert not judge(fresh, cluster_settings, now + timedelta(minutes=2)).healthy
    assert not judge({**fresh, "last_poll_at": None}, cluster_settings, now).healthy
