"""`hotseat demo` end to end, as a user runs it: a subprocess, no network, commands piped to its console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.demo import demo_settings
from bot.errors import UserError

ROOT = Path(__file__).resolve().parents[2]

COMMANDS = (
    '/gap Barcelona "Real Madrid" date:2025-05-25\n/hotseat\n/successor Diego Simeone\n/digest now\n/quit\n'
)


def run_demo(tmp_path: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HOTSEAT_", "DISCORD_", "FOOTBALL_DATA"))
    }
    # Any attempt to reach the network fails at once: the demo must not need it.
    env |= {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "HOTSEAT_LOG_FILE": ""}
    env["HOTSEAT_DB"] = str(tmp_path / "hotseat.db")
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env | {"PYTHONPATH": str(ROOT)},
        timeout=180,
        check=False,
    )


def test_demo_answers_the_suggested_commands_offline(tmp_path: Path) -> None:
    done = run_demo(tmp_path, COMMANDS)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "380 La Liga 2024-25 matches" in out
    # /gap: the real final-day table of 2024-25 (openfootball data).
    assert "FC Barcelona lead Real Madrid CF by 4 points." in out
    assert "1. FC Barcelona: 85 pts from 37 games" in out
    # /hotseat ranks the manager the demo's five-language stories are about first.
    hot = out.split("Hot seats", 1)[1]
    assert hot.index("Diego Simeone") < hot.index("Ernesto Valverde")
    # /successor: Xavi named by the en, es and de outlets, Benítez by the Italian one.
    assert "1. Xavi Hernández: 3 outlets" in out
    assert "2. Rafael Benítez: 1 outlet (Gazzetta Demo)" in out
    # The digest carries both stories.
    digest = out.split("Hotseat digest", 1)[1]
    assert "Diego Simeone (Atlético Madrid)" in digest
    assert "Ernesto Valverde (Athletic Club)" in digest
    assert (tmp_path / "hotseat-demo.db").is_file()
    assert not (tmp_path / "hotseat.db").exists()  # the user's store is never touched


def test_demo_refuses_to_rebuild_the_users_store(tmp_path: Path) -> None:
    settings = load_settings(HOTSEAT_DB=str(tmp_path / "hotseat.db"))
    with pytest.raises(UserError, match="is your Hotseat store"):
        demo_settings(settings, tmp_path / "hotseat.db")
