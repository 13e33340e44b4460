"""Console mode: the bot without Discord. Same background loops, digests printed, commands typed.

The console is server 0 (`CONSOLE_GUILD`): its digest and alerts print to the terminal. Input is read
without blocking the event loop, from a terminal, a pipe or a file, and the session ends cleanly on
`/quit`, end of input, Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import stat
import sys
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from bot.catalogue import CATALOGUE, offered_on
from bot.console_admin import NAMES, answer_admin
from bot.console_summary import startup_summary
from bot.errors import UserError
from bot.loops import LoopFactory, keep_running
from bot.service import Service
from bot.slash import CommandSpec, SlashCall, parse_slash
from bot.terminal import printable
from storage import StoreWriteError

if TYPE_CHECKING:
    from bot.digest import Alert, Digest

log = logging.getLogger(__name__)

CONSOLE_GUILD = 0
CONSOLE_CHANNEL = 0

SPECS: dict[str, CommandSpec] = {command.name: command.console_spec() for command in offered_on("console")}

BANNER = (
    "Hotseat is running in console mode (no DISCORD_TOKEN set).\n"
    "Type /help for the commands, /quit to leave. Digests and alerts print here."
)


def help_text() -> str:
    width = max(len(spec.usage) for spec in SPECS.values())
    lines = ["Commands (Discord syntax works too: /gap team:RealMadrid other:Barcelona):"]
    lines += [f"  {spec.usage.ljust(width)}  {spec.summary}" for spec in SPECS.values()]
    return "\n".join(lines)


class ConsoleSink:
    """Where console-mode digests and alerts go: the terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._posted = 0

    def _print(self, text: str) -> int:
        self._posted += 1
        print(f"\n{printable(text)}\n", file=self.out, flush=True)
        return self._posted

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        return self._print(_again(digest.resumed) + digest.to_text())

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        return self._print(_again(alert.resumed) + alert.to_text())


def _again(resumed: bool) -> str:
    """A post resumed after a crash may already be on screen above: say so rather than repeat silently."""
    return "(Sent again after a restart: it may already be above.)\n" if resumed else ""


class Console:
    """Answers typed commands from the service; every reply is text, errors included."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def answer(self, line: str) -> str:
        try:
            call = parse_slash(line, SPECS)
            return await self._dispatch(call)
        except UserError as exc:
            return f"⚠ {exc.message}"
        except Exception:
            log.exception("console command failed: %s", line)
            return "⚠ Something went wrong answering that; the details are in the log. Try again."

    async def _dispatch(self, call: SlashCall) -> str:
        name = call.spec.name
        if name in NAMES:
            return await answer_admin(self.service, name, dict(call.options))
        match name:
            case "help":
                return help_text()
            case "digest now":
                digest = await self.service.digests.build(CONSOLE_GUILD, datetime.now(UTC))
                return digest.to_text() if digest else "Nothing new since the last digest."
            case "digest status":
                return (await self.service.digests.status(CONSOLE_GUILD)).to_text()
        ask = CATALOGUE[name].ask
        if ask is None:  # pragma: no cover - tests/ops/test_command_agreement.py keeps every command answered
            raise UserError(f"/{name} is not available in the console")
        return (await ask(self.service, call.options)).to_text()


async def read_lines(stream: TextIO) -> AsyncGenerator[str, None]:
    """Yield lines from stdin without blocking the loop: a pipe/terminal via the loop, a file via a thread."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    try:
        fd = stream.fileno()
        if stat.S_ISCHR(os.fstat(fd).st_mode) and not os.isatty(fd):
            # /dev/null (systemd's default stdin) is a character device epoll refuses (EPERM).
            raise ValueError("not a pipe or terminal")
        was_blocking = os.get_blocking(fd)
        transport, _ = await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stream)
    except (ValueError, OSError, AttributeError):
        while line := await asyncio.to_thread(stream.readline):
            yield line
        return
    try:
        while raw := await reader.readline():
            yield raw.decode("utf-8", errors="replace")
    finally:
        transport.close()
        with contextlib.suppress(OSError):
            os.set_blocking(fd, was_blocking)


async def run_console(service: Service, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
    """Run console mode until /quit, end of input, Ctrl-C or SIGTERM.

    On a terminal the line editor (history, Tab completion) runs and every print goes above its prompt.
    """
    source = stdin or sys.stdin
    if stdout is None and source.isatty() and sys.stdout.isatty():
        from bot.console_prompt import logs_above_prompt, prompt_lines, registry_names

        names = registry_names(service.registry.registry)
        with logs_above_prompt():
            lines = prompt_lines(SPECS, names, service.settings.db_path.resolve().parent)
            await _run(service, sys.stdout, lines, prompt=False, summary=True)
        return
    interactive = source.isatty()
    await _run(service, stdout or sys.stdout, read_lines(source), prompt=interactive, summary=interactive)


async def _run(
    service: Service, out: TextIO, lines: AsyncGenerator[str, None], *, prompt: bool, summary: bool
) -> None:
    print(BANNER, file=out, flush=True)
    try:
        await service.digests.ensure_console_guild(service.settings.timezone)
    except StoreWriteError:  # a read-only store still answers; the digest is set up on a later start
        log.warning("console digest not set up: %s", service.store.write_problem)
    if summary:  # a person at a terminal: one summary, then quiet; scripts reading stdout get none
        print(printable(await startup_summary(service, CONSOLE_GUILD)), file=out, flush=True)
    loops: dict[str, LoopFactory] = {
        "polling": service.news.run_forever,
        "match refresh": service.football.refresh_forever,
        "digests": lambda: service.digests.run_forever(ConsoleSink(out)),
        "retention": service.retention.run_forever,
    }
    tasks = [asyncio.create_task(keep_running(name, loop), name=name) for name, loop in loops.items()]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    console = Console(service)
    try:
        await _converse(console, lines, out, stop, prompt)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        print("Bye.", file=out, flush=True)


async def _converse(
    console: Console, lines: AsyncGenerator[str, None], out: TextIO, stop: asyncio.Event, prompt: bool
) -> None:
    stop_wait = asyncio.create_task(stop.wait())
    next_line: asyncio.Future[str] | None = None
    try:
        while True:
            if prompt:
                print("> ", end="", file=out, flush=True)
            next_line = asyncio.ensure_future(anext(lines))
            done, _ = await asyncio.wait({next_line, stop_wait}, return_when=asyncio.FIRST_COMPLETED)
            if stop_wait in done:
                return
            try:
                line = next_line.result()
            except StopAsyncIteration:
                return
            text = line.strip()
            if not text:
                continue
            if text.lower() in {"/quit", "/exit"}:
                return
            print(printable(await console.answer(text)), file=out, flush=True)
    finally:
        stop_wait.cancel()
        if next_line is not None and not next_line.done():
            next_line.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await next_line
        await lines.aclose()
