"""The catalogue's questions as CLI subcommands: `hotseat gap TEAM OTHER [--date D] [--league L]`, …

Generated from bot/catalogue.py: a required option is a positional argument, an optional one a flag
(unless the catalogue marks it positional), and a value the console reads to the end of the line
(`/manager Carlo Ancelotti`) may be given unquoted here too.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from bot.catalogue import GROUPS, Command, offered_on
from bot.cli.arguments import OneLineParser, iso_date, level
from bot.cli.output import answer_with
from bot.config import Settings

_TYPES: dict[str, Callable[[str], Any]] = {"text": str, "date": iso_date, "level": level}


def _add_options(parser: argparse.ArgumentParser, command: Command) -> None:
    for option in command.options_on("cli"):
        convert = _TYPES[option.kind]
        if option.required or option.positional:
            if option.rest:
                nargs = "+" if option.required else "*"
                parser.add_argument(option.name, nargs=nargs, type=convert, help=option.help)
            else:
                parser.add_argument(
                    option.name, nargs=None if option.required else "?", type=convert, help=option.help
                )
        else:
            parser.add_argument(f"--{option.name}", type=convert, help=option.help)


def _options(command: Command, args: argparse.Namespace) -> dict[str, object]:
    found: dict[str, object] = {}
    for option in command.options_on("cli"):
        value = getattr(args, option.name, None)
        if isinstance(value, list):
            value = " ".join(str(word) for word in value) or None
        if value is not None:
            found[option.name] = value
    return found


def _handler(command: Command) -> Callable[[argparse.Namespace, Settings], Any]:
    ask = command.ask
    assert ask is not None, f"/{command.name} is offered on the CLI without a service call"

    async def handle(args: argparse.Namespace, settings: Settings) -> int:
        return await answer_with(args, settings, lambda service: ask(service, _options(command, args)))

    return handle


def add_questions(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add every catalogue command offered on the CLI to the `hotseat` subcommands."""
    groups: dict[str, Any] = {}
    for command in offered_on("cli"):
        head, _, leaf = command.name.partition(" ")
        target = commands
        if leaf:
            if head not in groups:
                parent = commands.add_parser(
                    head, parents=[common], help=GROUPS[head], description=GROUPS[head]
                )
                groups[head] = parent.add_subparsers(
                    dest=f"{head}_command", metavar="ACTION", parser_class=OneLineParser, required=True
                )
            target = groups[head]
        parser = target.add_parser(
            leaf or head, parents=[common], help=command.help, description=command.help
        )
        _add_options(parser, command)
        parser.set_defaults(handler=_handler(command))
