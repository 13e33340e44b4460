"""The console on a real pseudo-terminal: Tab completion, history kept in the data folder, the prompt line.

`hotseat run` (no token: console mode) is started with its stdin and stdout on a pty, as a person at a
terminal has it; keys are written to the pty and the screen is read back.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROMPT_READY = "\x1b[?2004h"


class Terminal:
    def __init__(self, tmp_path: Path, command: tuple[str, ...] = ("-m", "bot", "run")) -> None:
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("HOTSEAT_", "DISCORD_", "FOOTBALL_DATA"))
        }
        env |= {
            "HOTSEAT_DB": str(tmp_path / "hotseat.db"),
            "HOTSEAT_DEFAULT_FEEDS": "false",
            "HOTSEAT_OPENFOOTBALL_URL": "off",
            "PYTHONPATH": str(ROOT),
            "TERM": "xterm",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "COLUMNS": "120",
            "LINES": "40",
        }
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, *command],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=tmp_path,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = ""

    def read_until(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never appeared; screen so far: {self.screen[-2000:]!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                assert chunk, f"terminal closed before {text!r}; screen: {self.screen[-2000:]!r}"
                self.screen += chunk.decode("utf-8", "replace")
        found = self.screen
        return found

    def prompt(self) -> None:
        """Wait for a fresh prompt: prompt_toolkit switches bracketed paste on when it starts reading."""
        self.read_until(PROMPT_READY)
        self.mark()

    def mark(self) -> None:
        """Forget the screen so far: the next read_until looks only at what comes after."""
        self.screen = ""

    def settle(self, last_line: str) -> None:
        """Wait for a command's output to end and for the prompt drawn after it, then forget the screen.

        The next prompt may start before the output is printed above it (patch_stdout prints from its own
        thread and redraws the prompt); waiting for both keeps later checks off the output, whose help list
        names every command.
        """
        self.read_until(last_line)
        self.screen = self.screen[self.screen.rindex(last_line) + len(last_line) :]
        self.read_until(">")
        self.mark()

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        if self.proc.poll() is None:
            self.type("\x04")  # Ctrl-D at an empty prompt ends the session
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


def test_tab_completes_and_history_recalls(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    try:
        term.settle("Next digest: ")
        term.type("/hel\t")
        term.read_until("p")  # the completion finished the word on screen ("/hel" has no "p")
        term.type("\r")
        term.settle("Leave console mode")
        term.type("/succ\t")
        term.read_until("essor")
        term.type(" Simeo\t")
        term.read_until("Diego Simeone")
        term.type("\x15")  # Ctrl-U: clear the line
        term.mark()
        term.type("\x1b[A")  # arrow up: the last command again, not "^[[A"
        term.read_until("help")  # redrawn as a diff: the "/" is already on screen
        assert "^[[A" not in term.screen
        term.type("\r")
        term.settle("Leave console mode")
        term.type("/quit\r")
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
            term.proc.wait()
    history = (tmp_path / "hotseat-history").read_text(encoding="utf-8")
    assert "+/help" in history  # prompt_toolkit's FileHistory format, one entry per command
    assert "+/quit" in history


def test_startup_prints_one_summary_then_goes_quiet(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    try:
        term.read_until(PROMPT_READY)
        assert "Store: " in term.screen
        assert "Feeds: none yet" in term.screen
        assert "Match data: none yet" in term.screen
        assert "Next digest: " in term.screen
        assert "applying migration" not in term.screen  # INFO lines stay out of the terminal
        assert " INFO " not in term.screen
    finally:
        term.close()


def test_a_log_line_while_typing_keeps_the_input_line(tmp_path: Path) -> None:
    term = Terminal(tmp_path, (str(Path(__file__).with_name("tty_driver.py")), str(tmp_path)))
    try:
        term.read_until("READY")
        term.prompt()
        term.type("/gap Barce")
        term.read_until("Barce")
        term.mark()
        os.kill(term.proc.pid, signal.SIGUSR1)
        term.read_until("feed https://x.example/rss failed")
        term.read_until("/gap Barce")  # the prompt and what was typed are drawn again below the log line
        term.type("lona\r")
        # The typed line arrived whole; wait for the next prompt too, as Ctrl-D (close) ends the session
        # only at a prompt: between prompts the terminal is not in raw mode.
        term.settle("GOT '/gap Barcelona'")
    finally:
        term.close()
