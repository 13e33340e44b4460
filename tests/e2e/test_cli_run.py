"""`hotseat run` as a real process, configured only through the environment, against the fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import BotHarness


def child_env(fake: FakeDiscord, harness: BotHarness) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTSEAT_", "DISCORD_", "FOOTBALL_"))}
    env.update(
        DISCORD_TOKEN=fake.token,
        HOTSEAT_DB=str(harness.settings.db_path),
        HOTSEAT_DISCORD_API_URL=fake.api_url,
        HOTSEAT_DISCORD_GATEWAY_URL=fake.gateway_url,
        HOTSEAT_SYNC_COMMANDS="true",
        HOTSEAT_DEV_GUILD_ID=str(fake.guild.guild_id),
        HOTSEAT_DEFAULT_FEEDS="false",
        HOTSEAT_ALLOW_PRIVATE_FEEDS="true",
        HOTSEAT_TIMEZONE="UTC",
        HOTSEAT_LOG_LEVEL="WARNING",
        HOTSEAT_OPENFOOTBALL_URL=harness.data.url,  # our loopback copy, never the internet
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    return env


async def test_hotseat_run_serves_commands_and_stops_on_sigterm(tmp_path: Path, isolated_env: Path) -> None:
    os.chdir(tmp_path)  # isolated_env restores the working directory after the module
    async with FakeDiscord() as fake:
        harness = BotHarness(fake, tmp_path)
        await harness.seed()
        assert harness.service is not None
        await harness.service.close()
        harness.service = None
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=child_env(fake, harness),
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await fake.wait_for_commands(timeout=30)
            await fake.wait_ready(timeout=30)
            record = await fake.invoke("gap", {"team": "Real Madrid", "other": "Barcelona"})
            assert "FC Barcelona lead Real Madrid CF by 3 points" in record.reply.text()
            proc.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(proc.communicate(), 20)
            assert proc.returncode == 0, stderr.decode(errors="replace")[-2000:]
            assert "Traceback" not in stderr.decode(errors="replace")
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            await harness.data.stop()
        assert not fake.unhandled
