"""The crash drill's bot: `python -m bot run` in console mode as a child process, killed or quit on
demand, with what it printed (scripts/crash_drill.py)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from dataclasses import dataclass, field
from pathlib import Path

from drill_world import PYTHON

ROOT = Path(__file__).resolve().parents[1]

# ---- one run of the bot ---------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    number: int
    mode: str
    printed: list[str] = field(default_factory=list)  # identities of digests/alerts printed
    killed: bool = True
    killed_after: float = 0.0
    phase: str = "startup"
    exit_code: int | None = None


def identities(lines: list[str]) -> list[str]:
    """Digests and alerts in console output: a digest by its first line (it names the zone), an
    alert by its link line."""
    found: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("Hotseat digest — "):
            found.append("digest " + line.rsplit(" ", 1)[-1].rstrip(")"))
        elif line.startswith("ALERT ") and index + 2 < len(lines):
            # A sacking is announced once when reported and once more when confirmed (same link).
            confirmed = " confirmed" if ", confirmed:" in line else ""
            found.append("alert " + lines[index + 2].strip() + confirmed)
    return found


class Bot:
    """`python -m bot run` in console mode as a child process, killed or quit on demand."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []
        self.delivered = asyncio.Event()
        self.pumps: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            PYTHON,
            "-m",
            "bot",
            "run",
            cwd=ROOT,
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self.pumps = [
            asyncio.create_task(self._pump_out(self.proc.stdout)),
            asyncio.create_task(self._pump_log(self.proc.stderr)),
        ]

    async def _pump_out(self, stream: asyncio.StreamReader) -> None:
        while raw := await stream.readline():
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith(("ALERT ", "Hotseat digest — ")):
                self.delivered.set()

    async def _pump_log(self, stream: asyncio.StreamReader) -> None:
        with self.log.open("ab") as out:
            while raw := await stream.readline():
                out.write(raw)

    async def kill(self) -> int:
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGKILL)
        return await self._finish()

    async def terminate(self) -> int:
        """SIGTERM; a bot still running after 20 s is killed (and its exit code says so)."""
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self._finish(), 20.0)
        except TimeoutError:
            return await self.kill()

    async def quit(self) -> int:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()  # end of input: the console leaves cleanly
        try:
            return await asyncio.wait_for(self._finish(), 30.0)
        except TimeoutError:
            return await self.kill()

    async def _finish(self) -> int:
        assert self.proc is not None
        code = await self.proc.wait()
        await asyncio.gather(*self.pumps, return_exceptions=True)
        return code
