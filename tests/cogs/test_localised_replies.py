"""Reply bodies in five languages: sacking wording with each language's plurals, /gap, a /table that
fits a phone, /hotseat's "gone this week", and user errors from the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from discord import app_commands

from bot.app import error_message
from bot.errors import UserError
from bot.football.results import GapResult, GapSide, TableResult, TableRow
from bot.i18n import LANGUAGES, SOURCE_LANGUAGE, standing_text, texts
from bot.news.reports import FeedStatus
from bot.rumours.results import Board, BoardEntry, DigestGroup, StorySummary
from cogs._ui import DESCRIPTION_MAX
from cogs.admin import help_text
from cogs.feeds import feeds_embeds
from cogs.rumours import board_pages, gone_managers
from cogs.table import MOBILE_WIDTH, gap_embed, table_pages
from storage import StoreWriteError

from .conftest import Harness

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_sacking_standing_uses_each_languages_plural_forms() -> None:
    assert standing_text("reported (1 source)", texts("en")) == "reported (1 source)"
    assert standing_text("reported (3 sources)", texts("es")) == "informado (3 fuentes)"
    assert standing_text("reported (1 source)", texts("es")) == "informado (1 fuente)"
    assert standing_text("reported (2 sources)", texts("de")) == "gemeldet (2 Quellen)"
    assert standing_text("confirmed", texts("fr")) == "confirmé"
    assert standing_text("confirmed", texts("it")) == "confermato"
    assert standing_text(None, texts("de")) is None


def _table(names: list[str]) -> TableResult:
    rows = tuple(
        TableRow(n, name, None, 38, 20, 10, 8, 70, 40, 30 - 3 * n, 100 - n, "WWDLW", -3 if n == 2 else 0)
        for n, name in enumerate(names, 1)
    )
    return TableResult("es.1", "La Liga", "2025-26", "2026-03-01", rows)


@pytest.mark.parametrize("lang", [SOURCE_LANGUAGE, *LANGUAGES])
def test_table_code_block_fits_a_phone_in_every_language(lang: str) -> None:
    names = ["Real Sociedad de Fútbol", "RCD Espanyol de Barcelona", "Girona FC"] * 4
    pages = table_pages(_table(names), texts(lang))
    assert len(pages) == 2
    for page in pages:
        block = (page.description or "").split("```")[1].strip("\n").splitlines()
        assert len(block) > 1
        assert max(len(line) for line in block) <= MOBILE_WIDTH, block
    footer = pages[0].footer.text or ""
    assert "Espanyol" in footer and "-3" in footer  # the deducted club is named in full in the note


def test_table_shows_short_names_when_given() -> None:
    result = _table(["Club Atlético de Madrid"])
    keyed = replace(result, rows=(replace(result.rows[0], club_key="atletico"),))
    text = table_pages(keyed, texts("en"), {"atletico": "Atlético Madrid"})[0].description or ""
    assert "Atlético Madrid" in text and "Club Atlético" not in text


def test_gap_in_german_with_plurals() -> None:
    result = GapResult(
        "de.1",
        "Bundesliga",
        "2025-26",
        "2026-03-01",
        GapSide("Bayern", None, 1, 24, 60, 10),
        GapSide("Leverkusen", None, 2, 23, 59, 11),
    )
    embed = gap_embed(result, texts("de"))
    assert embed.title == "Bayern liegt 1 Punkt vor Leverkusen; Leverkusen hat 1 Nachholspiel"
    values = " ".join(field.value or "" for field in embed.fields)
    assert "60 Punkte · 24 Spiele" in values and "ja — noch 33 Punkte zu vergeben" in values


def _story(headline: str, level: int, status: str | None, when: datetime) -> StorySummary:
    return StorySummary(1, headline, "https://example.com/a", level, ("Marca",), 1, when, when, status, 1)


def test_hotseat_lists_the_gone_apart_from_the_ranking() -> None:
    entries = (
        BoardEntry("Gone Manager", "gone", "Club A", "es.1", 3, 25.0, "up", "Sacked", None, "confirmed"),
        BoardEntry("Still Here", "here", "Club B", "es.1", 2, 12.0, "up", "Crisis talks", None),
        BoardEntry("Gone Earlier", "earlier", "Club C", "es.1", 3, 9.0, "down", "Out", None, "confirmed"),
    )
    groups = [
        DigestGroup(
            "Gone Manager",
            "gone",
            "Club A",
            "es.1",
            3,
            25.0,
            (_story("Club A sack Gone Manager", 3, "confirmed", NOW - timedelta(days=2)),),
        ),
        DigestGroup(
            "Rumoured",
            "rumoured",
            "Club D",
            "es.1",
            3,
            8.0,
            (_story("Club D to sack Rumoured, reports say", 3, "reported", NOW - timedelta(days=1)),),
        ),
    ]
    gone = gone_managers(groups)
    assert [group.manager_key for group, _story in gone] == ["gone"]
    page = board_pages(Board(None, NOW, entries), texts("es"), gone)[0]
    ranked = page.description or ""
    assert ranked.startswith("**1. Still Here**") and "Gone" not in ranked
    assert [field.name for field in page.fields] == ["Fuera esta semana"]
    assert "Gone Manager" in (page.fields[0].value or "") and "Club A sack Gone Manager" in (
        page.fields[0].value or ""
    )


def test_service_user_errors_reach_the_reader_in_their_language() -> None:
    error = UserError(
        "No club called '{name}' — did you mean {names}?", name="Real Madird", names="Real Madrid CF"
    )
    assert error.message == "No club called 'Real Madird' — did you mean Real Madrid CF?"
    assert (
        error_message(error, texts("it"))
        == "Nessun club chiamato 'Real Madird': forse intendevi Real Madrid CF?"
    )
    assert error_message(UserError("Type a manager's name, for example Ancelotti."), texts("fr")) == (
        "Tapez le nom d'un entraîneur, par exemple Ancelotti."
    )


def test_store_trouble_is_told_in_the_readers_language_without_internals() -> None:
    said = error_message(StoreWriteError("database or disk is full"), texts("es"))
    assert (
        said
        == "No he podido guardarlo: mi almacenamiento no puede escribir ahora mismo. Inténtalo más tarde."
    )


def test_feed_counts_agree_with_their_number() -> None:
    def feed(n: int, ok: bool) -> FeedStatus:
        at = datetime(2026, 1, 1, tzinfo=UTC) if ok else None
        return FeedStatus(n, f"https://x.example/{n}", "X", "it", True, at, 0 if ok else 2, None, None)

    one = feeds_embeds([feed(1, True), feed(2, False)], texts("it"))[0].title
    two = feeds_embeds([feed(1, True), feed(3, True)], texts("it"))[0].title
    assert one == "Fonti (2, 1 funzionante)" and two == "Fonti (2, 2 funzionanti)"
    assert feeds_embeds([feed(1, True)], texts("en"))[0].title == "Feeds (1, 1 healthy)"


async def test_help_lists_every_command_in_the_readers_language(harness: Harness) -> None:
    spanish = (await harness.invoke("help", locale="es-ES"))[0]
    assert spanish.ephemeral
    text = spanish.text
    commands = [c for c in harness.bot.tree.walk_commands() if isinstance(c, app_commands.Command)]
    assert len(commands) > 20
    translate = texts("es")
    for command in commands:
        name = " ".join(translate.name(part) for part in command.qualified_name.split())
        assert f"`/{name}` — {translate(command.description)}" in text
    everyone, admins = text.split("**Para administradores")
    admins, owner = admins.split("**Para el dueño del bot**")
    assert "`/clasificacion` — " in everyone and "`/resumen" not in everyone
    assert "`/resumen configurar` — Publica un resumen diario" in admins
    assert [line.split(" — ")[0] for line in owner.strip().splitlines()] == [
        "`/registro fijar-entrenador`",
        "`/sincronizar`",
    ]


@pytest.mark.parametrize("lang", [SOURCE_LANGUAGE, *LANGUAGES])
async def test_help_fits_one_embed_in_every_language(harness: Harness, lang: str) -> None:
    assert len(help_text(harness.bot.tree, texts(lang))) <= DESCRIPTION_MAX


def test_managers_club_source_reads_in_the_readers_language() -> None:
    from cogs.rumours import source_text

    noon = int(datetime(2026, 1, 12, 12, tzinfo=UTC).timestamp())
    assert source_text("news of 2026-01-12", texts("de")) == f"Nachrichten vom <t:{noon}:D>"
    assert source_text("bundled data", texts("fr")) == "données fournies"
    assert source_text("football-data.org", texts("es")) == "football-data.org"  # a provider's own name
