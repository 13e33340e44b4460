"""Logging set-up: one logger per module, a readable console line, a rotating file when configured.

Every line is made safe to print (no control characters from feed content) and interaction webhook
tokens are redacted: discord.py logs request URLs at DEBUG, and a token in
`/webhooks/{app}/{token}` or `/interactions/{id}/{token}/callback` lets anyone answer as the bot.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys

from bot.config import Settings
from bot.errors import UserError
from bot.terminal import printable

CONSOLE_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

# The token segment after /webhooks/<id>/ or /interactions/<id>/ (tokens never hold '/', '?' or space).
_WEBHOOK_TOKEN = re.compile(r"(/(?:webhooks|interactions)/\d+/)[^/?#\s'\"]+")


def redact(text: str) -> str:
    """`text` with any interaction or webhook token replaced by a marker."""
    return _WEBHOOK_TOKEN.sub(r"\1<token>", text)


class SafeFormatter(logging.Formatter):
    """Formats as usual, then redacts tokens and strips control characters."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(redact(super().format(record)))


def setup_logging(settings: Settings, *, quiet: bool = False) -> None:
    """Configure the root logger once; `quiet` keeps one-shot CLI output clean (warnings and up)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    level = logging.WARNING if quiet else getattr(logging, settings.log_level)
    root.setLevel(min(level, getattr(logging, settings.log_level)))

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(level)
    console.setFormatter(SafeFormatter(CONSOLE_FORMAT, datefmt="%H:%M:%S"))
    root.addHandler(console)

    if settings.log_file is not None:
        try:
            file_handler = logging.handlers.RotatingFileHandler(
                settings.log_file, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as exc:
            raise UserError(
                f"HOTSEAT_LOG_FILE: cannot write the log file {settings.log_file} "
                f"({exc.strerror or exc}); fix the path or unset it"
            ) from None
        file_handler.setLevel(getattr(logging, settings.log_level))
        file_handler.setFormatter(SafeFormatter(FILE_FORMAT))
        root.addHandler(file_handler)

    # Third-party chatter stays at WARNING unless we are debugging.
    if settings.log_level != "DEBUG":
        for noisy in ("httpx", "httpcore", "discord", "aiosqlite", "trafilatura", "matplotlib"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
