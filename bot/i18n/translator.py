"""discord.py's `app_commands.Translator` over the gettext catalogues: localised names and descriptions.

discord.py asks it for every command, group, option and choice string of every Discord locale when the
tree is synced; the answers become `name_localizations`/`description_localizations` in the payload.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import NAME_CONTEXT, SOURCE_LANGUAGE, language_of, translations

NAME_LOCATIONS = frozenset(
    {
        app_commands.TranslationContextLocation.command_name,
        app_commands.TranslationContextLocation.group_name,
        app_commands.TranslationContextLocation.parameter_name,
    }
)


class CatalogueTranslator(app_commands.Translator):
    """Looks each string up in the language's catalogue; None (keep English) when there is none."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        lang = language_of(locale)
        if lang == SOURCE_LANGUAGE:
            return None
        catalogue = translations(lang)
        message = string.message
        if context.location in NAME_LOCATIONS:
            text = catalogue.pgettext(NAME_CONTEXT, message)
        else:
            text = catalogue.gettext(message)
        return text if text != message else None
