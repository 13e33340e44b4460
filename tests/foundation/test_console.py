"""Console mode end to end: the real `hotseat run` process driven through stdin, as a person would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def console_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("HOTSEAT_", "DISCORD_"))}
    env.update(
        HOTSEAT_DB=str(tmp_path / "console.db"),
        HOTSEAT_DEFAULT_FEEDS="false",
        HOTSEAT_OPENFOOTBALL_URL="off",
        HOTSEAT_LOG_LEVEL="WARNING",
    )
    return env


def run_console(tmp_path: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input=stdin,
        env=console_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_piped_session_answers_help_and_errors_then_quits(tmp_path: Path) -> None:
    result = run_console(tmp_path, "/help\n\n/frobnicate\n/gap RealMadrid\n/quit\n/about\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "running in console mode" in out
    assert "/gap team other [date] [league]" in out
    assert "⚠ unknown command /frobnicate — type /help" in out
    assert "⚠ missing other — usage: /gap team other [date] [league]" in out
    assert "Hotseat 0." not in out, "/quit must stop before the next command"
    assert out.rstrip().endswith("Bye.")
    assert "Traceback" not in result.stderr


def test_end_of_input_exits_cleanly(tmp_path: Path) -> None:
    result = run_console(tmp_path, "/about\n")
    assert result.returncode == 0, result.stderr
    assert "Hotseat 0." in result.stdout
    assert result.stdout.rstrip().endswith("Bye.")


def test_file_as_stdin_works_too(tmp_path: Path) -> None:
    script = tmp_path / "commands.txt"
    script.write_text("/help\n/quit\n", encoding="utf-8")
    with script.open(encoding="utf-8") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            stdin=stdin,
            env=console_env(tmp_path),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    assert "/successor manager" in result.stdout


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_signal_while_waiting_for_input_exits_cleanly(tmp_path: Path, stop_signal: signal.Signals) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=console_env(tmp_path),
        cwd=tmp_path,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    banner = process.stdout.readline()
    assert "console mode" in banner
    # An answered command proves the console is reading input (its signal handlers are in place).
    process.stdin.write("/help\n")
    process.stdin.flush()
    seen = []
    while not any("/successor manager" in line for line in seen):
        line = process.stdout.readline()
        assert line, f"the console ended before answering /help: {seen}"
        seen.append(line)
    process.send_signal(stop_signal)
    try:
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert out.rstrip().endswith("Bye.")
    assert "Traceback" not in err
