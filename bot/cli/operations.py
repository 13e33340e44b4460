"""The CLI's operations: run the bot, check health, read one article, load data, back up, move a store.

These are an operator's verbs with no Discord or console form; the questions everyone asks (gap, table,
…) are generated from the catalogue in bot/cli/questions.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.cli.arguments import check_cluster_args
from bot.cli.output import EXIT_FAILED, EXIT_OK, answer_with, emit, say, wants_json, with_service
from bot.config import Settings
from bot.errors import UserError
from bot.service import Service


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
    return await answer_with(args, settings, lambda service: service.football.import_matches(args.sources))


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    if not args.from_dir.is_dir():
        raise UserError(f"not a folder: {args.from_dir}")

    async def work(service: Service) -> int:
        report = await service.news.ingest_dir(args.from_dir)
        emit(args, report)
        return EXIT_OK if report.ok else EXIT_FAILED

    return await with_service(settings, work)


async def cmd_poll(args: argparse.Namespace, settings: Settings) -> int:
    return await answer_with(args, settings, lambda service: service.news.poll_once())


async def cmd_refresh(args: argparse.Namespace, settings: Settings) -> int:
    """One refresh of match data and coaches, as `hotseat run` does on its schedule."""
    token = settings.football_data_token
    if token is None or not token.get_secret_value().strip():
        raise UserError(
            "hotseat refresh needs FOOTBALL_DATA_TOKEN: get a free key at "
            "https://www.football-data.org/client/register and set it in .env"
        )
    from bot.football.leagues import league_by_code

    async def work(service: Service) -> int:
        outcome = await service.football.refresh_once()
        problems = await service.football.refresh_problems()
        if wants_json(args):
            say(json.dumps({"competitions": outcome, "problems": [p.text() for p in problems]}))
        else:
            for code, summary in outcome.items():
                league = league_by_code(code)
                say(f"{league.name if league else code}: {summary}")
        return EXIT_FAILED if problems else EXIT_OK  # scripts notice a competition left stale

    return await with_service(settings, work)


async def cmd_registry_set_coach(args: argparse.Namespace, settings: Settings) -> int:
    async def work(service: Service) -> int:
        said = await service.registry.set_coach(args.club, args.person, args.from_day)
        say(json.dumps({"set": said}) if wants_json(args) else said)
        return EXIT_OK

    return await with_service(settings, work)


async def cmd_prune(args: argparse.Namespace, settings: Settings) -> int:
    return await answer_with(args, settings, lambda service: service.retention.prune_once())


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
