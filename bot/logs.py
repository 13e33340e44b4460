"""Logging set-up: one logger per module, a readable console line, a rotating file when configured."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from bot.config import Settings

CONSOLE_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"


def setup_logging(settings: Settings, *, quiet: bool = False) -> None:
    """Configure the root logger once; `quiet` keeps one-shot CLI output clean (warnings and up)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    level = logging.WARNING if quiet else getattr(logging, settings.log_level)
    root.setLevel(min(level, getattr(logging, settings.log_level)))

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(level)
    console.setFormatter(logging.Formatter(CONSOLE_FORMAT, datefmt="%H:%M:%S"))
    root.addHandler(console)

    if settings.log_file is not None:
        file_handler = logging.handlers.RotatingFileHandler(
            settings.log_file, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
        )
        file_handler.setLevel(getattr(logging, settings.log_level))
        file_handler.setFormatter(logging.Formatter(FILE_FORMAT))
        root.addHandler(file_handler)

    # Third-party chatter stays at WARNING unless we are debugging.
    if settings.log_level != "DEBUG":
        for noisy in ("httpx", "httpcore", "discord", "aiosqlite", "trafilatura", "matplotlib"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
