"""`hotseat` command line: one-shot commands over the same service the bot uses (contract in design.md).

Every failure a person can cause (bad arguments, bad settings, unknown team, unreadable file) ends with
one line on stderr and a non-zero exit, never a traceback. The parts live in bot/cli/.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
from collections.abc import Sequence

from bot.cli.arguments import shard_range
from bot.cli.output import EXIT_USAGE, Handler, fail
from bot.cli.parser import build_parser
from bot.config import load_settings
from bot.errors import UserError
from bot.logs import setup_logging
from storage import StoreError
from storage.store import DAMAGED, is_damage

__all__ = ["EXIT_USAGE", "build_parser", "main", "shard_range"]  # what tests and the entry point import

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        overrides: dict[str, object] = {}
        if "db" in args:
            overrides["HOTSEAT_DB"] = str(args.db)
        settings = load_settings(**overrides)
        # On a terminal, console mode prints one start-up summary; its log lines go to HOTSEAT_LOG_FILE.
        quiet = args.command != "run" or (settings.console_mode and sys.stdin.isatty())
        setup_logging(settings, quiet=quiet)
        return asyncio.run(handler(args, settings))
    except UserError as exc:
        return fail(exc.message)
    except StoreError as exc:
        return fail(str(exc))
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return fail(f"{settings_db(args)}: {DAMAGED}")
        log.debug("database failure", exc_info=True)
        return fail(f"database error: {exc}")
    except KeyboardInterrupt:
        print("hotseat: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one line for people, the traceback in the log
        log.debug("unexpected failure", exc_info=True)
        return fail(f"unexpected error: {type(exc).__name__}: {exc}")


def settings_db(args: argparse.Namespace) -> str:
    return str(getattr(args, "db", "")) or "the database"


if __name__ == "__main__":
    sys.exit(main())
