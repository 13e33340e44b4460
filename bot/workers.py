"""Analysis off the event loop: a small pool of worker processes, each article on a time budget.

`analyze` is pure and CPU-bound, and one pathological article can take minutes; on the event loop
that would freeze slash commands, the console and digests. A thread cannot be stopped, so each
worker is a process: an article that overruns its budget gets its worker killed and replaced while
the other workers go on. Workers are forked from a forkserver that has imported the analysis once
(spawn where there is none), and started on first use, so commands that never analyse start none.

The registry the analysis needs changes only when news ends or opens a tenure; it is pickled once per
registry object and sent to each worker before its next article, never with every article. A worker
dies with its parent (Linux parent-death signal, and end of input on its pipe), so a kill -9 of the
bot leaves no worker behind. Warnings the analyzer logs in a worker are logged again in the parent.
As with any multiprocessing start method but fork, a script run by path that analyses articles must
keep its work under `if __name__ == "__main__":` (workers import the script's module).
"""

from __future__ import annotations

import asyncio
import contextlib
import copyreg
import ctypes
import io
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from types import MappingProxyType
from typing import Any, Protocol

from bot.analysis import Finding, analyze
from bot.registry.registry import Registry

log = logging.getLogger(__name__)

Analyzer = Callable[..., Finding]
TIMED_OUT = "timed out"
CRASHED = "the analysis worker crashed"
INLINE_SEND_BYTES = 32_768  # larger messages are written from a thread (a pipe holds 64 KiB)
STOP_WAIT_SECONDS = 2.0  # how long close() lets an idle worker exit before killing it
_PR_SET_PDEATHSIG = 1


class AnalysisFailed(Exception):
    """This article could not be analysed (timed out, raised, or crashed its worker): give it up."""

    def __init__(self, reason: str, details: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details  # the worker's traceback, for the log only


class AnalysisUnavailable(RuntimeError):
    """No worker could be started: not this article's fault."""


class AnalysisRunner(Protocol):
    async def analyze(
        self,
        text: str,
        *,
        title: str | None,
        source: str | None,
        published: datetime | None,
        registry: Registry | None,
        lang: str | None = None,
    ) -> Finding: ...


class InProcess:
    """Runs a plain analyzer in this process (tests and benchmarks with scripted analyzers)."""

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer

    async def analyze(
        self,
        text: str,
        *,
        title: str | None,
        source: str | None,
        published: datetime | None,
        registry: Registry | None,
        lang: str | None = None,
    ) -> Finding:
        try:
            return self._analyzer(
                text, title=title, source=source, published=published, registry=registry, lang=lang
            )
        except Exception as exc:
            raise AnalysisFailed(_describe(exc), traceback.format_exc()) from exc


class AnalysisPool:
    """Up to `workers` processes analysing one article each, at most `timeout` seconds per article.

    `analyzer` must be a module-level function (it is sent to the workers by name).
    """

    def __init__(self, *, workers: int = 1, timeout: float = 10.0, analyzer: Analyzer = analyze) -> None:
        if workers < 1 or timeout <= 0:
            raise ValueError("an analysis pool needs at least one worker and a positive time budget")
        self.timeout = timeout
        self._analyzer = analyzer
        self._size = workers
        self._slots: asyncio.Semaphore | None = None
        self._idle: list[_Worker] = []
        self._running: set[_Worker] = set()
        self._registry: Registry | None = None
        self._generation = 0  # bumped whenever the registry object changes
        self._payload: bytes | None = None
        self._closed = False

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for status and tests)."""
        return sorted(w.process.pid for w in self._running if w.process.pid is not None)

    async def analyze(
        self,
        text: str,
        *,
        title: str | None,
        source: str | None,
        published: datetime | None,
        registry: Registry | None,
        lang: str | None = None,
    ) -> Finding:
        """The article's Finding, or AnalysisFailed with the reason; the event loop stays free."""
        if self._closed:
            raise AnalysisUnavailable("the analysis pool is closed")
        if registry is not self._registry or self._generation == 0:
            self._registry, self._payload = registry, None
            self._generation += 1
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._size)
        job = ("job", text, {"title": title, "source": source, "published": published, "lang": lang})
        async with self._slots:
            worker = await self._idle_worker()
            try:
                if worker.generation != self._generation:
                    await self._send_registry(worker)
                reply = await worker.call(job, self.timeout)
            except BaseException as exc:
                await self._discard(worker)  # its state is unknown: never reuse it
                if self._closed and isinstance(exc, AnalysisFailed):  # killed by close(), not its fault
                    raise AnalysisUnavailable("the analysis pool was closed mid-article") from exc
                raise
            self._idle.append(worker)  # it answered, even if only with the analyzer's exception
        kind, value, details = reply
        if kind != "ok":
            raise AnalysisFailed(value, details)
        assert isinstance(value, Finding)
        return value

    async def close(self) -> None:
        """Stop every worker: idle ones leave at end of input, anything still running is killed."""
        self._closed = True
        idle, self._idle = self._idle, []
        for worker in idle:
            worker.conn.close()
        await asyncio.gather(*(self._discard(w, grace=STOP_WAIT_SECONDS) for w in idle))
        await asyncio.gather(*(self._discard(w) for w in list(self._running)))

    async def _start(self) -> _Worker:
        ctx = _context()
        mine, theirs = ctx.Pipe(duplex=True)
        process = ctx.Process(
            target=serve, args=(theirs, self._analyzer), name="hotseat-analysis", daemon=True
        )
        try:  # in a thread: the first start waits for the forkserver to import the analysis
            await asyncio.to_thread(process.start)
        except OSError as exc:
            mine.close()
            raise AnalysisUnavailable(f"could not start an analysis worker: {exc}") from exc
        finally:
            theirs.close()
        worker = _Worker(process, mine)
        self._running.add(worker)
        log.debug("analysis worker %s started", process.pid)
        return worker

    async def _send_registry(self, worker: _Worker) -> None:
        generation = self._generation  # another article may bring a newer registry meanwhile
        if self._payload is None:
            self._payload = _dumps(("registry", self._registry))
        try:
            await asyncio.to_thread(worker.conn.send_bytes, self._payload)
        except OSError as exc:
            raise AnalysisUnavailable(f"the analysis worker stopped before its first article: {exc}") from exc
        worker.generation = generation

    async def _idle_worker(self) -> _Worker:
        """An idle worker still alive (one may have been killed meanwhile, by an admin or the OOM
        killer: that is not the next article's fault), else a new one."""
        while self._idle:
            worker = self._idle.pop()
            if worker.process.is_alive():
                return worker
            await self._discard(worker)
        return await self._start()

    async def _discard(self, worker: _Worker, grace: float = 0.0) -> None:
        self._running.discard(worker)
        if grace:
            await asyncio.to_thread(worker.process.join, grace)
        if worker.process.is_alive():
            worker.process.kill()
        await asyncio.to_thread(worker.process.join, STOP_WAIT_SECONDS)
        worker.conn.close()
        log.debug("analysis worker %s stopped", worker.process.pid)


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.generation = 0

    async def call(self, job: tuple[Any, ...], budget: float) -> tuple[str, Any, str]:
        """Send one article and wait for the worker's answer without blocking the loop:
        ("ok", Finding, "") or ("error", reason, traceback)."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, _settle, readable)
        payload = _dumps(job)
        try:
            async with asyncio.timeout(budget):
                if len(payload) > INLINE_SEND_BYTES:
                    await asyncio.to_thread(self.conn.send_bytes, payload)
                else:
                    self.conn.send_bytes(payload)
                await readable
        except TimeoutError:
            raise AnalysisFailed(TIMED_OUT) from None
        except OSError as exc:
            raise AnalysisFailed(CRASHED, str(exc)) from None
        finally:
            loop.remove_reader(fd)
        try:
            reply = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise AnalysisFailed(CRASHED, f"exit code {self.process.exitcode}") from exc
        kind, value, details, records = reply
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        return kind, value, details


def _context() -> ForkServerContext | SpawnContext:
    """A forkserver that has imported the analysis (cheap workers, no fork of a threaded process)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["bot.forkserver_preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _dumps(message: object) -> bytes:
    """Pickle a message; registries keep read-only mapping proxies, which pickle as their dicts."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda m: (_proxy, (dict(m),))
    pickler.dump(message)
    return buffer.getvalue()


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ---- inside a worker ---------------------------------------------------------------------------


class _Collect(logging.Handler):
    """Keeps the warnings logged during one article, to be logged again by the parent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        self.records.append((record.name, record.levelno, message))


def _release_forkserver() -> None:
    """A forkserver child inherits the pipe end whose closing tells the forkserver that the bot is
    gone; holding it, a busy worker would keep its forkserver (and so itself) alive after a kill -9."""
    from multiprocessing import forkserver

    server = forkserver._forkserver
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:  # None under spawn
        with contextlib.suppress(OSError):
            os.close(fd)
        setattr(server, "_forkserver_alive_fd", None)  # noqa: B010 - private, absent from the stubs


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when its parent dies, even in the middle of a regex."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def serve(conn: Connection, analyzer: Analyzer) -> None:
    """A worker's life: take the registry or an article, answer each article, leave at end of input."""
    _release_forkserver()
    _die_with_parent()
    # Ctrl-C and a service manager's SIGTERM reach the whole process group: stopping is the parent's
    # call (an article cut off by a shutdown must be retried, not stored as failed).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    collect = _Collect()
    root = logging.getLogger()
    root.handlers[:] = [collect]
    root.setLevel(logging.WARNING)
    registry: Registry | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "registry":
            registry = message[1]
            continue
        _, text, kwargs = message
        collect.records.clear()
        try:
            finding = analyzer(text, registry=registry, **kwargs)
            reply: tuple[Any, ...] = ("ok", finding, "", collect.records)
        except Exception as exc:
            reply = ("error", _describe(exc), traceback.format_exc(), collect.records)
        try:
            conn.send(reply)
        except (OSError, pickle.PicklingError):
            return
