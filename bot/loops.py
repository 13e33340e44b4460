"""Background loops shared by the Discord bot and console mode, and the net under every task.

A loop that crashes is logged, counted (`hotseat_task_failures`) and started again after a pause that
doubles with each consecutive crash (capped), so one bad run (a feed host down, a full disk) never
silently ends polling or digests, and a loop that crashes at once is not restarted in a tight spin.
`install_exception_handler` and `watch` catch what would otherwise vanish: an exception in a callback
or in a task nobody awaits is logged and counted instead of printed (or dropped) at garbage collection.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from bot import metrics

log = logging.getLogger(__name__)

LoopFactory = Callable[[], Coroutine[Any, Any, None]]
RETRY_SECONDS = 30.0
MAX_RETRY_SECONDS = 600.0


async def keep_running(
    name: str,
    factory: LoopFactory,
    *,
    first_delay: float | None = None,
    max_delay: float | None = None,
) -> None:
    """Run `factory()` until it returns; when it raises, restart it after a growing pause.

    The pause starts at `first_delay` and doubles up to `max_delay`; a run that lasted longer than
    `max_delay` before failing counts as healthy, so the next pause starts small again.
    """
    first_delay = RETRY_SECONDS if first_delay is None else first_delay
    max_delay = max(first_delay, MAX_RETRY_SECONDS if max_delay is None else max_delay)
    delay = first_delay
    while True:
        started = time.monotonic()
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            metrics.TASK_FAILURES.labels(name).inc()
            if time.monotonic() - started > max_delay:
                delay = first_delay
            log.exception("background %s failed; restarting in %.0f s", name, delay)
        await asyncio.sleep(delay)
        delay = min(max_delay, delay * 2)


def _task_name(context: dict[str, Any]) -> str:
    for key in ("task", "future"):
        task = context.get(key)
        if isinstance(task, asyncio.Task):
            return task.get_name()
    return "callback"


def exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The loop's last resort: log with the traceback and count, instead of a bare stderr print."""
    exc = context.get("exception")
    name = _task_name(context)
    metrics.TASK_FAILURES.labels(name).inc()
    message = context.get("message") or "unhandled exception in the event loop"
    if isinstance(exc, BaseException):
        log.error("%s (%s)", message, name, exc_info=exc)
    else:
        log.error("%s (%s)", message, name)


def install_exception_handler(loop: asyncio.AbstractEventLoop | None = None) -> None:
    (loop or asyncio.get_running_loop()).set_exception_handler(exception_handler)


def _report(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()  # marks it retrieved: asyncio will not complain again at collection
    if exc is not None:
        metrics.TASK_FAILURES.labels(task.get_name()).inc()
        log.error("task %s died", task.get_name(), exc_info=exc)


def watch(task: asyncio.Task[Any]) -> asyncio.Task[Any]:
    """Log and count the task's exception the moment it ends with one (nobody may ever await it)."""
    task.add_done_callback(_report)
    return task


def start(name: str, factory: LoopFactory) -> asyncio.Task[None]:
    """A supervised, watched background loop."""
    return watch(asyncio.create_task(keep_running(name, factory), name=name))
