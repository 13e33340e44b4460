"""One catalogue (bot/catalogue.py) describes every command; Discord, the console and the CLI follow it.

The Discord command tree is read from the cog classes as discord.py builds it, so a cog that declares a
command, option or description the catalogue does not have fails here; the console's table and the CLI's
questions are generated, and a command added to the catalogue shows up in both with its help.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from discord import app_commands
from discord.ext import commands

import bot.catalogue as catalogue
import cogs
from bot.__main__ import build_parser, main
from bot.catalogue import CATALOGUE, GROUPS, Command, Option, Said, offered_on
from bot.console import SPECS, Console
from bot.console_admin import NAMES as CONSOLE_SETTINGS


@dataclass(frozen=True)
class Declared:
    description: str
    options: list[tuple[str, str, bool]]  # name, description, required


def _walk(
    cmd: app_commands.Command[..., ..., object] | app_commands.Group, prefix: str = ""
) -> Iterator[tuple[str, Declared | str]]:
    name = f"{prefix}{cmd.name}"
    if isinstance(cmd, app_commands.Group):
        yield name, cmd.description
        for child in cmd.commands:
            yield from _walk(child, f"{name} ")  # type: ignore[arg-type]
    else:
        # display_name: what Discord shows and users type (`from`, where Python needs `from_`)
        options = [(p.display_name, p.description, p.required) for p in cmd.parameters]
        yield name, Declared(cmd.description, options)


def discord_tree() -> tuple[dict[str, Declared], dict[str, str]]:
    found: dict[str, Declared] = {}
    groups: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(cogs.__path__):
        module = importlib.import_module(f"cogs.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, commands.Cog) and cls.__module__ == module.__name__:
                for command in cls.__cog_app_commands__:
                    for name, declared in _walk(command):
                        if isinstance(declared, str):
                            groups[name] = declared
                        else:
                            found[name] = declared
    return found, groups


def subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for word in name.split():
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    return parser


def test_discord_offers_exactly_the_catalogue_commands() -> None:
    declared, groups = discord_tree()
    assert set(declared) == {command.name for command in offered_on("discord")}
    assert groups == {name: GROUPS[name] for name in groups}


@pytest.mark.parametrize("command", offered_on("discord"), ids=lambda c: c.name)
def test_each_discord_command_has_the_catalogue_options_and_help(command: Command) -> None:
    declared = discord_tree()[0][command.name]
    assert declared.description == command.help
    wanted = [(o.name, o.help, o.required) for o in command.options_on("discord")]
    assert declared.options == wanted


def test_the_console_offers_the_catalogue_commands_with_their_options() -> None:
    assert list(SPECS) == [command.name for command in offered_on("console")]
    for command in offered_on("console"):
        assert [p.name for p in SPECS[command.name].params] == [o.name for o in command.options_on("console")]
        assert SPECS[command.name].summary == command.help


def test_every_console_command_has_an_answer() -> None:
    answered_by_the_console = {"help", "quit", "digest now", "digest status"}
    for command in offered_on("console"):
        known = command.ask is not None or command.name in CONSOLE_SETTINGS | answered_by_the_console
        assert known, f"/{command.name} has no answer in the console"


@pytest.mark.parametrize("command", offered_on("cli"), ids=lambda c: c.name)
def test_each_cli_question_takes_the_catalogue_options(command: Command) -> None:
    parser = subparser(build_parser(), command.name)
    dests = [a.dest for a in parser._actions if a.dest not in {"help", "db", "json"}]
    assert dests == [o.name for o in command.options_on("cli")]
    assert parser.description == command.help
    assert command.ask is not None


async def _shout(service: object, options: catalogue.Options) -> Said:
    return Said(f"HELLO {options['who']}", {"hello": options["who"]})


def test_a_command_added_to_the_catalogue_reaches_the_cli_and_the_console(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shout = Command("shout", "Say hello", (Option("who", "whom to greet", rest=True),), ask=_shout)
    monkeypatch.setattr(catalogue, "COMMANDS", (*catalogue.COMMANDS, shout))
    monkeypatch.setitem(CATALOGUE, "shout", shout)
    monkeypatch.setenv("HOTSEAT_DB", str(tmp_path / "hotseat.db"))
    assert main(["shout", "Carlo", "Ancelotti"]) == 0
    assert capsys.readouterr().out.strip() == "HELLO Carlo Ancelotti"
    assert "Say hello" in subparser(build_parser(), "shout").format_help()
    monkeypatch.setitem(SPECS, "shout", shout.console_spec())
    answer = Console(object())._dispatch  # type: ignore[arg-type]
    import asyncio

    from bot.slash import parse_slash

    assert asyncio.run(answer(parse_slash("/shout Carlo Ancelotti", SPECS))) == "HELLO Carlo Ancelotti"
