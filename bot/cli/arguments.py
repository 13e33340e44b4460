"""Argument types and checks shared by the CLI's subcommands: dates, shard lists, one-line errors."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from typing import NoReturn

from bot.cli.output import EXIT_USAGE
from bot.config import Settings
from bot.errors import UserError
from bot.terminal import one_line


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports bad input in one line instead of a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {one_line(message)} (see '{self.prog} --help')\n")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def iso_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date-time: {text!r} (use ISO 8601)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def level(text: str) -> int:
    if text.strip() not in {"0", "1", "2", "3"}:
        raise argparse.ArgumentTypeError(f"not a level: {text!r} (use 0, 1, 2 or 3)")
    return int(text)


def shard_range(text: str) -> list[int]:
    """'0-3' or '0,2,4-5' → sorted shard ids."""
    ids: set[int] = set()
    try:
        for part in text.split(","):
            low, _, high = part.strip().partition("-")
            first, last = int(low), int(high or low)
            if first < 0 or last < first:
                raise ValueError
            ids.update(range(first, last + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a shard list: {text!r} (use e.g. 0-3 or 0,2,4-5)") from None
    return sorted(ids)


def check_cluster_args(args: argparse.Namespace, settings: Settings) -> None:
    """--shards needs --shard-count, every id must be below it, and a bot role needs a token."""
    if getattr(args, "role", "all") == "bot" and settings.console_mode:
        raise UserError("--role bot needs DISCORD_TOKEN: set it, or run --role all for console mode")
    shards, count = getattr(args, "shards", None), getattr(args, "shard_count", None)
    if count is not None and count < 1:
        raise UserError("--shard-count must be 1 or more")
    if shards is not None and count is None:
        raise UserError("--shards needs --shard-count (the bot's total number of shards)")
    if shards is not None and count is not None and shards[-1] >= count:
        raise UserError(
            f"shard {shards[-1]} does not exist with --shard-count {count} (ids run 0-{count - 1})"
        )
