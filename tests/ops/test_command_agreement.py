"""The Discord cogs, the console and the CLI name the same commands with the same options.

The Discord command tree is read from the cog classes as discord.py builds it; a command or option
added to one surface and forgotten (or spelled differently) in another fails here.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
from collections.abc import Iterator

from discord import app_commands
from discord.ext import commands

import cogs
from bot.__main__ import build_parser
from bot.console import SPECS

# Options only Discord can offer: a channel or role picker, threads, the reply language.
DISCORD_ONLY_OPTIONS = {"channel", "role", "threads", "language"}
# ...except where `language` is a real option everywhere: the bundled feeds' language.
EVERYWHERE_OPTIONS = {"feeds bundled": {"language"}}
DISCORD_ONLY_COMMANDS = {"sync"}  # the owner's command-tree sync
CONSOLE_ONLY_COMMANDS = {"quit"}
# Commands whose CLI subcommand takes the same options (the rest are server settings, not CLI verbs).
CLI_COMMANDS = ("gap", "table", "successor", "hotseat", "manager", "about", "feeds add", "feeds remove")


def _walk(
    cmd: app_commands.Command[..., ..., object] | app_commands.Group, prefix: str = ""
) -> Iterator[tuple[str, list[str]]]:
    name = f"{prefix}{cmd.name}"
    if isinstance(cmd, app_commands.Group):
        for child in cmd.commands:
            yield from _walk(child, f"{name} ")  # type: ignore[arg-type]
    else:
        yield name, [param.name for param in cmd.parameters]


def discord_commands() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for module_info in pkgutil.iter_modules(cogs.__path__):
        module = importlib.import_module(f"cogs.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, commands.Cog) and cls.__module__ == module.__name__:
                for command in cls.__cog_app_commands__:
                    found.update(_walk(command))
    return found


def cli_options(name: str) -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    words = name.split()
    command = sub.choices[words[0]]
    if len(words) > 1:
        nested = next(a for a in command._actions if isinstance(a, argparse._SubParsersAction))
        command = nested.choices[words[1]]
    skip = {"help", "db", "json"}
    return [
        a.dest
        for a in command._actions
        if a.dest not in skip and not isinstance(a, argparse._SubParsersAction)
    ]


def test_console_and_discord_have_the_same_commands() -> None:
    discord = set(discord_commands()) - DISCORD_ONLY_COMMANDS
    console = set(SPECS) - CONSOLE_ONLY_COMMANDS
    assert console == discord


def test_console_options_are_the_discord_options() -> None:
    discord = discord_commands()
    for name, spec in SPECS.items():
        if name in CONSOLE_ONLY_COMMANDS:
            continue
        kept = EVERYWHERE_OPTIONS.get(name, set())
        wanted = [option for option in discord[name] if option not in DISCORD_ONLY_OPTIONS - kept]
        assert [param.name for param in spec.params] == wanted, name


def test_cli_options_are_the_discord_options() -> None:
    discord = discord_commands()
    for name in CLI_COMMANDS:
        assert sorted(cli_options(name)) == sorted(discord[name]), name
