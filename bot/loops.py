"""Background loops shared by the Discord bot and console mode.

A loop that crashes is logged and started again after a pause, so one bad run (a feed host down, a
full disk) never silently ends polling or digests for the rest of the process's life.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)

LoopFactory = Callable[[], Coroutine[Any, Any, None]]
RETRY_SECONDS = 30.0


async def keep_running(name: str, factory: LoopFactory) -> None:
    """Run `factory()` until it returns; restart it after RETRY_SECONDS whenever it raises."""
    while True:
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background %s failed; restarting in %.0f s", name, RETRY_SECONDS)
        await asyncio.sleep(RETRY_SECONDS)
