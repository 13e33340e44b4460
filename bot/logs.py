"""Logging set-up: one logger per module, a readable console line, a rotating file when configured.

With `HOTSEAT_LOG_FORMAT=json` every line (console and file) is one JSON object with `time` (ISO 8601,
UTC), `level`, `logger`, `message` and, when there is one, `exception` (the formatted traceback), for
log shippers that would otherwise split a traceback into many events.

Every line is made safe to print (no control characters from feed content) and interaction webhook
tokens are redacted: discord.py logs request URLs at DEBUG, and a token in
`/webhooks/{app}/{token}` or `/interactions/{id}/{token}/callback` lets anyone answer as the bot.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
import sys
from datetime import UTC, datetime

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


class JsonFormatter(logging.Formatter):
    """One JSON object per line; tokens redacted, control characters escaped by JSON itself."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = redact(record.exc_text)
        return json.dumps(entry, ensure_ascii=False)


def _formatter(settings: Settings, text_format: str, datefmt: str | None = None) -> logging.Formatter:
    if settings.log_format == "json":
        return JsonFormatter()
    return SafeFormatter(text_format, datefmt=datefmt)


def setup_logging(settings: Settings, *, quiet: bool = False) -> None:
    """Configure the root logger once; `quiet` keeps one-shot CLI output clean (warnings and up)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    level = logging.WARNING if quiet else getattr(logging, settings.log_level)
    root.setLevel(min(level, getattr(logging, settings.log_level)))

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(level)
    console.setFormatter(_formatter(settings, CONSOLE_FORMAT, "%H:%M:%S"))
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
        file_handler.setFormatter(_formatter(settings, FILE_FORMAT))
        root.addHandler(file_handler)

    # Third-party chatter stays at WARNING unless we are debugging.
    if settings.log_level != "DEBUG":
        for noisy in ("httpx", "httpcore", "discord", "aiosqlite", "trafilatura", "matplotlib"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
