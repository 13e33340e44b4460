"""Run the console's line editor alone on the terminal it is given, for tests/ops/test_console_tty.py.

SIGUSR1 makes a background task log one warning (as a failing loop would, mid-typing); each line read
is echoed back as `GOT <repr>` so the test can check the typed line arrived whole.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

from bot.console import SPECS
from bot.console_prompt import logs_above_prompt, prompt_lines


async def main(folder: Path) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(message)s")
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(
        signal.SIGUSR1, lambda: logging.getLogger("feeds").warning("feed https://x.example/rss failed")
    )
    with logs_above_prompt():
        print("READY", flush=True)
        async for line in prompt_lines(SPECS, ["FC Barcelona", "Diego Simeone"], folder):
            print(f"GOT {line.rstrip(chr(10))!r}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
