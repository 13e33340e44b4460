"""Catalogues: every key translated in every language, names Discord accepts, placeholders intact."""

from __future__ import annotations

import re
import string
from pathlib import Path

import discord
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from discord import app_commands

from bot.i18n import LANGUAGES, NAME_CONTEXT, catalogue_path, language_of, texts
from bot.i18n.keys import Key, all_keys, tree_keys
from bot.i18n.translator import CatalogueTranslator

from .conftest import Harness

# Discord's rule for command and option names (lowercase; letters of any script, digits, - and _).
NAME = re.compile(r"^[-_\w]{1,32}$")
TEMPLATE = Path(catalogue_path("es")).with_name("hotseat.pot")


def load(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems(catalogue: Catalog, keys: set[Key]) -> list[str]:
    """What is missing or broken in one catalogue, one line per key."""
    found = []
    for context, message_id in sorted(keys, key=str):
        key = message_id[0] if isinstance(message_id, tuple) else message_id
        message = catalogue.get(key, context=context)
        if message is None or message.fuzzy:
            found.append(f"missing: {context or ''} {key!r}")
            continue
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(translations):
            found.append(f"untranslated: {key!r}")
            continue
        wanted = fields(key)
        for text in translations:
            if context == NAME_CONTEXT and not (NAME.match(text) and text == text.lower()):
                found.append(f"not a valid command name: {text!r}")
            if fields(text) - wanted or (context != NAME_CONTEXT and wanted - fields(text) - {"count"}):
                found.append(f"placeholders differ: {key!r} → {text!r}")
    return found


@pytest.fixture
async def keys() -> set[Key]:
    return await all_keys()


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_key_is_translated(lang: str, keys: set[Key]) -> None:
    assert problems(load(Path(catalogue_path(lang))), keys) == []


async def test_a_catalogue_missing_a_key_is_caught(keys: set[Key]) -> None:
    catalogue = load(Path(catalogue_path("de")))
    del catalogue["Digest status"]
    assert problems(catalogue, keys) == ["missing:  'Digest status'"]


async def test_template_lists_exactly_the_keys_in_use(keys: set[Key]) -> None:
    template = {(m.context, m.id) for m in load(TEMPLATE) if m.id}
    assert template == {(c, m) for c, m in keys}, "run: python -m bot.i18n.keys"


async def test_localised_names_are_unique_among_siblings(harness: Harness) -> None:
    tree = harness.bot.tree
    translator = CatalogueTranslator()
    for command in tree.get_commands():
        payload = await command.get_translated_payload(tree, translator)
        for locale in ("es-ES", "it", "de", "fr"):
            stack = [payload.get("options") or []]
            while stack:
                options = stack.pop()
                names = [o.get("name_localizations", {}).get(locale, o["name"]) for o in options]
                assert len(names) == len(set(names)), (command.name, locale, names)
                stack.extend(o.get("options") or [] for o in options)


async def test_tree_keys_cover_names_descriptions_and_choices(harness: Harness) -> None:
    found = await tree_keys(harness.bot.tree)
    assert (NAME_CONTEXT, "digest") in found and (NAME_CONTEXT, "min_level") in found
    assert (None, "Daily digest of managers under pressure") in found
    assert (None, "3 — decided (sacked, resigned)") in found


def test_languages_and_plurals() -> None:
    assert (
        language_of(discord.Locale.spain_spanish)
        == "es"
        == language_of(discord.Locale.latin_american_spanish)
    )
    assert language_of(discord.Locale.japanese) == "en" == language_of(None)
    english, french, german = texts("en-GB"), texts("fr"), texts("de")
    assert english.ngettext("{count} article", "{count} articles", 1) == "1 article"
    assert english.ngettext("{count} article", "{count} articles", 2) == "2 articles"
    assert french.ngettext("…and {count} more", "…and {count} more", 1) == "…et 1 autre"
    assert (
        french.ngettext("…and {count} more", "…and {count} more", 0) == "…et 0 autre"
    )  # French: 0 is singular
    assert german.ngettext("{count} finding", "{count} findings", 3) == "3 Funde"


async def test_translator_leaves_english_alone() -> None:
    translator = CatalogueTranslator()
    context = app_commands.TranslationContext(app_commands.TranslationContextLocation.command_name, None)
    name = app_commands.locale_str("digest")
    assert await translator.translate(name, discord.Locale.american_english, context) is None
    assert await translator.translate(name, discord.Locale.italian, context) == "riepilogo"


def test_command_references_use_the_readers_command_names() -> None:
    spanish, english = texts("es"), texts("en-GB")
    assert spanish("Off: turn it on with /digest setup") == "Desactivado: actívalo con /resumen configurar"
    hint = "Name either a language or one feed, e.g. /feeds bundled enabled:False language:es."
    assert "/fuentes incluidas activadas:False idioma:es." in spanish(hint)
    assert english(hint) == hint
    # a word that is a subcommand elsewhere (/digest now) is left alone after /manager; values too
    said = spanish(
        "{person} coaches {club} from {date}; /manager now says so.", person="/digest", club="C", date="D"
    )
    assert said.startswith("/digest entrena") and "/entrenador ya lo muestra" in said
