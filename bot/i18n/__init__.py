"""Translations for everything Hotseat shows on Discord, from gettext catalogues kept as data files.

`bot/i18n/locales/<lang>.po` are the catalogues (es, it, de, fr; English is the source text). They are
read with Babel's `read_po` when first needed and turned into standard `gettext` translations in
memory, so there is no build step and no compiled `.mo` to keep in step with its source (the choice
Red-DiscordBot makes too: it reads `.po` files at start). Messages use `{name}` placeholders, filled
after translation. Command names, option names and group names live under the msgctxt "command name"
(Discord wants them lowercase, one word), apart from prose that might spell the same word.

A reply's language is the interaction's locale (the user's client), a digest's the server's locale.
"""

from __future__ import annotations

import functools
import gettext
import re
from importlib import resources
from io import BytesIO
from typing import Any

import discord
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("es", "it", "de", "fr")
SOURCE_LANGUAGE = "en"
NAME_CONTEXT = "command name"


# "/digest setup channel:#x": a command, maybe a subcommand, maybe options (not inside a URL or a path).
_COMMAND_REF = re.compile(r"(?<![\w/.:<])/([a-z][a-z_]*)(?: ([a-z][a-z_-]*))?((?: [a-z_]+:[^\s,;)]+)*)")
_OPTION = re.compile(r" ([a-z_]+):")


@functools.cache
def command_options() -> dict[str, frozenset[str]]:
    """Each Discord command's full name ("digest setup") and its option names, from bot/catalogue.py."""
    from bot.catalogue import CATALOGUE

    return {
        entry.name: frozenset(entry.descriptions()) for entry in CATALOGUE.values() if "discord" in entry.on
    }


def N_(message: str) -> str:
    """Mark a module-level text for the catalogues; it is translated where it is shown."""
    return message


def language_of(locale: discord.Locale | str | None) -> str:
    """'es-ES' and 'es-419' → 'es'; anything without a catalogue → English."""
    if locale is None:
        return SOURCE_LANGUAGE
    value = locale.value if isinstance(locale, discord.Locale) else str(locale)
    lang = value.split("-", 1)[0].lower()
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def catalogue_path(lang: str) -> Any:
    return resources.files("bot.i18n") / "locales" / f"{lang}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The language's gettext translations (English: the source text as it is)."""
    if lang not in LANGUAGES:
        return gettext.NullTranslations()
    with catalogue_path(lang).open("rb") as source:
        catalogue = read_po(source, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Texts:
    """One language's texts: `_("Hello {name}", name=...)` and `_.ngettext(one, many, n, ...)`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._gettext = translations(lang)

    def __call__(self, message: str, /, **values: Any) -> str:
        text = self._commands(self._gettext.gettext(message))
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        """The plural form the language needs for `count` ({count} is filled in)."""
        return self._commands(self._gettext.ngettext(singular, plural, count)).format(count=count, **values)

    def _commands(self, text: str) -> str:
        """Command references in a text ("run /digest setup", "/feeds bundled language:es") spelled as
        the reader's Discord client shows the commands: with their names in this language. Done on the
        template, so values filled in later (a feed's name) are never touched."""
        if self.lang == SOURCE_LANGUAGE or "/" not in text:
            return text
        return _COMMAND_REF.sub(self._command, text)

    def _command(self, match: re.Match[str]) -> str:
        command, sub, options = match.group(1), match.group(2), match.group(3)
        paths = command_options()
        if sub and f"{command} {sub}" in paths:
            names = {name: self.name(name) for name in paths[f"{command} {sub}"]}
            shown = _OPTION.sub(lambda o: f" {names.get(o.group(1), o.group(1))}:", options)
            return f"/{self.name(command)} {self.name(sub)}{shown}"
        if command in paths or any(path.startswith(f"{command} ") for path in paths):
            return f"/{self.name(command)}" + (f" {sub}" if sub else "") + options
        return match.group(0)

    def name(self, message: str) -> str:
        """A command or option name in this language (e.g. to tell someone which command to run)."""
        return self._gettext.pgettext(NAME_CONTEXT, message)


# How sure a sacking is, as the rumours service words it (bot/rumours/results.py `standing`).
_REPORTED = re.compile(r"reported \((\d{1,6}) sources?\)")
STANDINGS = {"confirmed": N_("confirmed"), "withdrawn": N_("withdrawn")}


def standing_text(standing: str | None, _: Texts) -> str | None:
    """ "reported (1 source)", "reported (3 sources)" or "confirmed" in the reader's language, with the
    language's own plural forms; an unknown wording is shown as it is."""
    if standing is None:
        return None
    if standing in STANDINGS:
        return _(STANDINGS[standing])
    match = _REPORTED.fullmatch(standing)
    if match is None:
        return standing
    return _.ngettext("reported ({count} source)", "reported ({count} sources)", int(match.group(1)))


def texts(locale: discord.Locale | str | None) -> Texts:
    return Texts(language_of(locale))


def for_interaction(interaction: discord.Interaction[Any]) -> Texts:
    """The language of whoever ran the command (their Discord client's language)."""
    return texts(interaction.locale)
