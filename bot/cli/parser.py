"""The `hotseat` argument parser: the operator's verbs by hand, the catalogue's questions generated."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot import __version__
from bot.cli import operations
from bot.cli.arguments import OneLineParser, iso_date, iso_datetime, shard_range
from bot.cli.questions import add_questions
from bot.demo import DEMO_DB


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

    run = add("run", "Run the bot: Discord when DISCORD_TOKEN is set, else console mode")
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
    run.set_defaults(handler=operations.cmd_run)

    health = add("health", "Exit 0 when this instance's gateway is connected and its last poll is recent")
    health.add_argument("--instance", help="the process to check (default: HOTSEAT_INSTANCE, the host name)")
    health.set_defaults(handler=operations.cmd_health)

    analyze = add("analyze", "Read one article (file or - for stdin) and print its Finding as JSON")
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
    analyze.set_defaults(handler=operations.cmd_analyze)

    imports = add("import-matches", "Import openfootball JSON match files or URLs (idempotent)")
    imports.add_argument("sources", nargs="+", metavar="PATH|URL")
    imports.set_defaults(handler=operations.cmd_import_matches)

    refresh = add(
        "refresh",
        "Refresh match data and coaches once, as the bot's schedule does (needs FOOTBALL_DATA_TOKEN)",
    )
    refresh.set_defaults(handler=operations.cmd_refresh)

    ingest = add("ingest", "Ingest saved feed files through the normal parse/clean/dedupe path")
    ingest.add_argument("--from-dir", type=Path, required=True, metavar="DIR", dest="from_dir")
    ingest.set_defaults(handler=operations.cmd_ingest)

    poll = add("poll", "Fetch every due feed")
    poll.add_argument("--once", action="store_true", required=True, help="one poll, then exit")
    poll.set_defaults(handler=operations.cmd_poll)

    add_questions(commands, common)

    registry = add("registry", "Correct who coaches whom")
    registry_commands = registry.add_subparsers(
        dest="registry_command", metavar="ACTION", parser_class=OneLineParser
    )
    registry_commands.required = True
    set_coach = registry_commands.add_parser(
        "set-coach",
        parents=[common],
        help="Record that PERSON coaches CLUB from a date (outranks other data)",
    )
    set_coach.add_argument("club", metavar="CLUB")
    set_coach.add_argument("person", metavar="PERSON")
    set_coach.add_argument("--from", dest="from_day", type=iso_date, required=True, metavar="YYYY-MM-DD")
    set_coach.set_defaults(handler=operations.cmd_registry_set_coach)

    prune = add("prune", "Delete articles older than HOTSEAT_RETENTION_DAYS (findings and stories stay)")
    prune.set_defaults(handler=operations.cmd_prune)

    backup = add("backup", "Copy the store to a new file, consistent while the bot runs")
    backup.add_argument("target", type=Path, metavar="PATH", help="the new backup file")
    backup.set_defaults(handler=operations.cmd_backup)

    restore = add("restore", "Replace the store with a backup (stop the bot first)")
    restore.add_argument("source", type=Path, metavar="PATH", help="a file made by 'hotseat backup'")
    restore.add_argument("--force", action="store_true", help="replace an existing store")
    restore.set_defaults(handler=operations.cmd_restore)

    demo = add("demo", "Load a real season and sample stories into a separate demo store, offline")
    demo.add_argument(
        "--store",
        type=Path,
        help=f"the demo's SQLite file, rebuilt each run (default: {DEMO_DB} beside HOTSEAT_DB)",
    )
    demo.set_defaults(handler=operations.cmd_demo)
    moving = add("migrate-store", "Copy a SQLite store into an empty PostgreSQL database, then compare them")
    moving.add_argument(
        "--from", dest="source", required=True, metavar="sqlite:///PATH", help="the SQLite store"
    )
    moving.add_argument(
        "--to", dest="target", required=True, metavar="postgresql://...", help="the new store"
    )
    moving.add_argument("--force", action="store_true", help="replace what the target database holds")
    moving.set_defaults(handler=operations.cmd_migrate_store)
    return parser
