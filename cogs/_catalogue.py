"""Slash commands declared from bot/catalogue.py: their names, descriptions and option help come from there.

`@slash("gap")` stands for `@app_commands.command(name=..., description=...)` plus
`@app_commands.describe(...)`, so the cogs never spell a command's text a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from discord import app_commands

from bot.catalogue import CATALOGUE, GROUPS, Command


def _entry(name: str) -> Command:
    entry = CATALOGUE[name]
    if "discord" not in entry.on:
        raise ValueError(f"/{name} is not offered on Discord in bot/catalogue.py")
    return entry


Callback = Callable[..., Coroutine[Any, Any, None]]
Declared = app_commands.Command[Any, ..., None]


def _described(entry: Command, func: Callback) -> Callback:
    # An option named like a Python keyword (`from`) is a renamed parameter (`from_`): describe that.
    renamed = getattr(func, "__discord_app_commands_param_rename__", {})
    python_names = {str(shown): name for name, shown in renamed.items()}
    descriptions = {python_names.get(name, name): text for name, text in entry.descriptions().items()}
    return app_commands.describe(**descriptions)(func) if descriptions else func


def slash(name: str) -> Callable[[Callback], Declared]:
    """A top-level command described by the catalogue entry `name`."""
    entry = _entry(name)

    def declare(func: Callback) -> Declared:
        return app_commands.command(name=entry.name, description=entry.help)(_described(entry, func))

    return declare


def group(name: str, **kwargs: Any) -> app_commands.Group:
    """A command group (`/digest …`) with the catalogue's description."""
    return app_commands.Group(name=name, description=GROUPS[name], **kwargs)


def sub(parent: app_commands.Group, name: str) -> Callable[[Callback], Declared]:
    """A command in a group: `@sub(digest, "digest setup")`."""
    entry = _entry(name)
    if not name.startswith(f"{parent.name} "):
        raise ValueError(f"/{name} does not belong to the /{parent.name} group")

    def declare(func: Callback) -> Declared:
        return parent.command(name=entry.leaf, description=entry.help)(_described(entry, func))

    return declare
