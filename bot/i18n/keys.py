"""Every text the catalogues must translate: the command tree's strings and the marked reply texts.

`python -m bot.i18n.keys` rewrites `bot/i18n/locales/hotseat.pot` (the template translators start
from); the tests compare each `<lang>.po` against the same keys, so a missing translation fails CI.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import discord
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po
from discord import app_commands
from discord.ext import commands

from bot.i18n import NAME_CONTEXT
from bot.i18n.translator import NAME_LOCATIONS

Key = tuple[str | None, str | tuple[str, ...]]  # (msgctxt, msgid or (singular, plural))
KEYWORDS: dict[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2), "UserError": None}
ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    "cogs",
    "bot/app.py",
    "bot/i18n",
    "bot/heat.py",
    "bot/digest",
    "bot/errors.py",
    # the user errors /gap, /table, /successor, /hotseat and /manager can answer with
    "bot/registry/service.py",
    "bot/football/service.py",
    "bot/football/leagues.py",
    "bot/football/status.py",  # why live data was not refreshed, in /about
    "bot/football/wording.py",
    "bot/rumours/service.py",
)


class _Recorder(app_commands.Translator):
    def __init__(self) -> None:
        self.keys: set[Key] = set()

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        names = context.location in NAME_LOCATIONS
        self.keys.add((NAME_CONTEXT if names else None, string.message))
        return None


async def tree_keys(tree: app_commands.CommandTree[Any]) -> set[Key]:
    """The strings discord.py asks a translator for when syncing this tree."""
    recorder = _Recorder()
    for command in tree.get_commands():
        await command.get_translated_payload(tree, recorder)
    return recorder.keys


def source_files(root: Path = ROOT) -> Iterable[Path]:
    for name in SOURCES:
        path = root / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def source_keys(root: Path = ROOT) -> set[Key]:
    """Texts marked in the code with `_()`, `N_()` or `.ngettext()`."""
    keys: set[Key] = set()
    for path in source_files(root):
        for _line, message, _comments, context in extract_from_file("python", str(path), keywords=KEYWORDS):
            keys.add((context, message))
    return keys


async def all_keys() -> set[Key]:
    """Load the cogs on a bare bot (no login, no store) and collect every key."""
    from bot.app import COGS

    bot = commands.Bot(command_prefix="!", intents=discord.Intents.none())
    for name in COGS:
        await bot.load_extension(name)
    return await tree_keys(bot.tree) | source_keys()


def write_template(keys: set[Key], path: Path) -> None:
    catalog = Catalog(project="hotseat", charset="utf-8")
    for context, message in sorted(keys, key=lambda k: (k[0] or "", str(k[1]))):
        catalog.add(message, context=context)
    with path.open("wb") as out:
        write_po(out, catalog, omit_header=False, width=100)


if __name__ == "__main__":
    target = ROOT / "bot" / "i18n" / "locales" / "hotseat.pot"
    write_template(asyncio.run(all_keys()), target)
    sys.stdout.write(f"wrote {target}\n")
