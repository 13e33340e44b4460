"""`hotseat` command line: one-shot commands over the same service the bot uses (contract in design.md).

Every failure a person can cause (bad arguments, bad settings, unknown team, unreadable file) ends with
one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NoReturn, Protocol

from bot import __version__
from bot.config import Settings, load_settings
from bot.demo import DEMO_DB
from bot.errors import UserError
from bot.logs import setup_logging
from bot.service import Service
from bot.terminal import one_line, printable
from storage import StoreError
from storage.store import DAMAGED, is_damage

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class Answer(Protocol):
    """What every service answer offers the front ends."""

    def to_dict(self) -> Any: ...

    def to_text(self) -> str: ...


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


def build_parser() -> OneLineParser:
    common = OneLineParser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, help="SQLite file (default: HOTSEAT_DB)"
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")

    parser = OneLineParser(
        prog="hotseat",
        parents=[common],
        description="Football managers under pressure, their tipped successors and the real table.",
    )
    parser.add_argument("--version", action="version", version=f"hotseat {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    commands.required = True

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    run = add("run", "run the bot: Discord when DISCORD_TOKEN is set, else console mode")
    cluster = run.add_argument_group("clusters (several processes on one database)")
    cluster.add_argument(
        "--shards", type=shard_range, metavar="IDS", help="run only these shards, e.g. 0-3 or 0,2,4-5"
    )
    cluster.add_argument(
        "--shard-count",
        type=int,
        metavar="N",
        dest="shard_count",
        help="total shards of the bot (with --shards)",
    )
    cluster.add_argument(
        "--role",
        choices=("all", "poller", "bot"),
        default="all",
        help="poller: fetch feeds only; bot: Discord only; all: both (default)",
    )
    run.set_defaults(handler=cmd_run)

    health = add("health", "exit 0 when this instance's gateway is connected and its last poll is recent")
    health.add_argument("--instance", help="the process to check (default: HOTSEAT_INSTANCE, the host name)")
    health.set_defaults(handler=cmd_health)

    analyze = add("analyze", "read one article (file or - for stdin) and print its Finding as JSON")
    analyze.add_argument("file", help="article text file, or - to read stdin")
    analyze.add_argument("--title", help="the headline")
    analyze.add_argument("--source", help="the outlet that published it")
    analyze.add_argument("--published", type=iso_datetime, help="publication time, ISO 8601")
    analyze.add_argument(
        "--lang", help="language code of the article (en, es, it, de, fr, pt); detected when omitted"
    )
    analyze.add_argument(
        "--explain", action="store_true", help="add why: the deciding cue and the decision path"
    )
    analyze.set_defaults(handler=cmd_analyze)

    imports = add("import-matches", "import openfootball JSON match files or URLs (idempotent)")
    imports.add_argument("sources", nargs="+", metavar="PATH|URL")
    imports.set_defaults(handler=cmd_import_matches)

    gap = add("gap", "points gap, games played and games in hand between two clubs")
    gap.add_argument("team")
    gap.add_argument("other")
    gap.add_argument("--date", type=iso_date, help="table as of this day (default: today)")
    gap.add_argument("--league", help="league code or name, when a club plays in several")
    gap.set_defaults(handler=cmd_gap)

    table = add("table", "a league table as of a date")
    table.add_argument("league", help="league code or name, e.g. es.1 or 'La Liga'")
    table.add_argument("--date", type=iso_date, help="table as of this day (default: today)")
    table.set_defaults(handler=cmd_table)

    successor = add("successor", "who is tipped to replace a manager")
    successor.add_argument("manager")
    successor.set_defaults(handler=cmd_successor)

    hotseat = add("hotseat", "managers ranked by pressure index")
    hotseat.add_argument("league", nargs="?", help="only this league")
    hotseat.set_defaults(handler=cmd_hotseat)

    manager = add("manager", "a manager's profile: club, pressure, stories, tipped successors")
    manager.add_argument("name")
    manager.set_defaults(handler=cmd_manager)

    ingest = add("ingest", "ingest saved feed files through the normal parse/clean/dedupe path")
    ingest.add_argument("--from-dir", type=Path, required=True, metavar="DIR", dest="from_dir")
    ingest.set_defaults(handler=cmd_ingest)

    poll = add("poll", "fetch every due feed")
    poll.add_argument("--once", action="store_true", required=True, help="one poll, then exit")
    poll.set_defaults(handler=cmd_poll)

    feeds = add("feeds", "list, add or remove news feeds")
    feed_commands = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", parser_class=OneLineParser)
    feed_commands.required = True
    feeds_list = feed_commands.add_parser("list", parents=[common], help="every feed with its health")
    feeds_list.set_defaults(handler=cmd_feeds_list)
    feeds_add = feed_commands.add_parser("add", parents=[common], help="add a feed URL")
    feeds_add.add_argument("url")
    feeds_add.set_defaults(handler=cmd_feeds_add)
    feeds_remove = feed_commands.add_parser("remove", parents=[common], help="remove a feed by URL or id")
    feeds_remove.add_argument("feed", metavar="URL|ID")
    feeds_remove.set_defaults(handler=cmd_feeds_remove)

    registry = add("registry", "correct who coaches whom")
    registry_commands = registry.add_subparsers(
        dest="registry_command", metavar="ACTION", parser_class=OneLineParser
    )
    registry_commands.required = True
    set_coach = registry_commands.add_parser(
        "set-coach",
        parents=[common],
        help="record that PERSON coaches CLUB from a date (outranks other data)",
    )
    set_coach.add_argument("club", metavar="CLUB")
    set_coach.add_argument("person", metavar="PERSON")
    set_coach.add_argument("--from", dest="from_day", type=iso_date, required=True, metavar="YYYY-MM-DD")
    set_coach.set_defaults(handler=cmd_registry_set_coach)

    prune = add("prune", "delete articles older than HOTSEAT_RETENTION_DAYS (findings and stories stay)")
    prune.set_defaults(handler=cmd_prune)

    about = add("about", "version, store size and feed health")
    about.set_defaults(handler=cmd_about)

    backup = add("backup", "copy the store to a new file, consistent while the bot runs")
    backup.add_argument("target", type=Path, metavar="PATH", help="the new backup file")
    backup.set_defaults(handler=cmd_backup)

    restore = add("restore", "replace the store with a backup (stop the bot first)")
    restore.add_argument("source", type=Path, metavar="PATH", help="a file made by 'hotseat backup'")
    restore.add_argument("--force", action="store_true", help="replace an existing store")
    restore.set_defaults(handler=cmd_restore)

    demo = add("demo", "load a real season and sample stories into a separate demo store, offline")
    demo.add_argument(
        "--store",
        type=Path,
        help=f"the demo's SQLite file, rebuilt each run (default: {DEMO_DB} beside HOTSEAT_DB)",
    )
    demo.set_defaults(handler=cmd_demo)
    moving = add("migrate-store", "copy a SQLite store into an empty PostgreSQL database, then compare them")
    moving.add_argument(
        "--from", dest="source", required=True, metavar="sqlite:///PATH", help="the SQLite store"
    )
    moving.add_argument(
        "--to", dest="target", required=True, metavar="postgresql://...", help="the new store"
    )
    moving.add_argument("--force", action="store_true", help="replace what the target database holds")
    moving.set_defaults(handler=cmd_migrate_store)
    return parser


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def say(text: str) -> None:
    """Every line the CLI prints goes through here: no control characters reach the terminal."""
    print(printable(text))


def emit(args: argparse.Namespace, answer: Answer) -> None:
    if wants_json(args):
        say(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        say(answer.to_text())


Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


async def with_service(settings: Settings, work: Callable[[Service], Awaitable[int]]) -> int:
    service = await Service.open(settings)
    try:
        return await work(service)
    finally:
        await service.close()


def start_monitoring(settings: Settings) -> None:
    """The loop's exception handler (nothing dies silently) and, when configured, the metrics port."""
    from bot import loops

    loops.install_exception_handler()
    if settings.metrics_port is not None:
        from bot import metrics

        try:
            metrics.serve(settings.metrics_port)
        except OSError as exc:
            raise UserError(
                f"HOTSEAT_METRICS_PORT: cannot listen on port {settings.metrics_port} ({exc.strerror or exc})"
            ) from None


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    check_cluster_args(args, settings)
    start_monitoring(settings)
    service = await Service.open(settings)
    try:
        if args.role == "poller":
            from bot.cluster import run_poller

            await run_poller(service)
        elif settings.console_mode:
            from bot.console import run_console

            await run_console(service)
        else:
            from bot.app import run_discord

            await run_discord(
                settings, service, shard_ids=args.shards, shard_count=args.shard_count, role=args.role
            )
    finally:
        await service.close()
    return EXIT_OK


async def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    from bot.health import check

    if args.instance:
        settings = settings.model_copy(update={"instance": args.instance})
    verdict = await check(settings)
    if wants_json(args):
        say(json.dumps({"healthy": verdict.healthy, "reason": verdict.reason}))
    else:
        say(verdict.reason)
    return EXIT_OK if verdict.healthy else EXIT_FAILED


async def cmd_analyze(args: argparse.Namespace, settings: Settings) -> int:
    from bot.analysis import analyze

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    lang = args.lang.strip().lower() if args.lang else None
    if lang is not None:
        from bot.analysis.packs import available

        if lang not in available():
            raise UserError(f"no language pack for {lang!r}: use one of {', '.join(available())}")
    finding = analyze(text, title=args.title, source=args.source, published=args.published, lang=lang)
    print(json.dumps(finding.to_json(explain=args.explain), ensure_ascii=False, indent=2))
    return EXIT_OK


async def cmd_import_matches(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.football.import_matches(args.sources))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_gap(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.football.gap(args.team, args.other, on=args.date, league=args.league))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_table(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.football.table(args.league, on=args.date))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_successor(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.rumours.successors(args.manager))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_hotseat(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.rumours.hotseat(args.league))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_manager(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.rumours.manager_profile(args.name))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    if not args.from_dir.is_dir():
        raise UserError(f"not a folder: {args.from_dir}")

    async def work(service: Service) -> int:
        report = await service.news.ingest_dir(args.from_dir)
        emit(args, report)
        return EXIT_OK if report.ok else EXIT_FAILED

    return await with_service(settings, work)


async def cmd_poll(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.news.poll_once())
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_feeds_list(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        feeds = await service.news.list_feeds(None)
        if wants_json(args):
            say(json.dumps([feed.to_dict() for feed in feeds], ensure_ascii=False, indent=2, default=str))
        else:
            say("\n".join(feed.to_text() for feed in feeds) if feeds else "No feeds yet.")
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_feeds_add(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.news.add_feed(args.url, None))
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_feeds_remove(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        if not await service.news.remove_feed(args.feed, None):
            raise UserError(f"no feed {args.feed!r} — see 'hotseat feeds list'")
        say(json.dumps({"removed": args.feed}) if wants_json(args) else f"Removed {args.feed}.")
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_registry_set_coach(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        said = await service.registry.set_coach(args.club, args.person, args.from_day)
        say(json.dumps({"set": said}) if wants_json(args) else said)
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_prune(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.retention.prune_once())
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_about(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        emit(args, await service.about())
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.backup import backup

    emit(args, await asyncio.to_thread(backup, settings.db_path, args.target))
    return EXIT_OK


async def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from bot.backup import restore

    emit(args, await asyncio.to_thread(restore, args.source, settings.db_path, force=args.force))
    return EXIT_OK


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_console
    from bot.demo import demo_settings, fresh_store, load_demo

    settings = demo_settings(settings, args.store)
    await asyncio.to_thread(fresh_store, settings.db_path)
    service = await Service.open(settings)
    try:
        say((await load_demo(service)).to_text())
        await run_console(service)
    finally:
        await service.close()
    return EXIT_OK


async def cmd_migrate_store(args: argparse.Namespace, settings: Settings) -> int:
    from storage.migrate_store import migrate_store

    source = str(args.source)
    if not source.startswith("sqlite:///"):
        raise UserError("--from: give the SQLite store as sqlite:///path/to/hotseat.db")
    if not str(args.target).startswith(("postgresql://", "postgres://")):
        raise UserError("--to: give the PostgreSQL database as postgresql://user@host:port/name")
    copied = await migrate_store(Path(source.removeprefix("sqlite:///")), args.target, force=args.force)
    for done in copied:
        say(f"{done.table}: {done.rows} rows")
    say(f"copied {sum(d.rows for d in copied)} rows in {len(copied)} tables; counts and samples match")
    return EXIT_OK


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


def fail(message: str) -> int:
    """One line on stderr, never echoing control characters someone typed or a feed sent."""
    print(f"hotseat: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
