"""Every read-only command and autocomplete, invoked the way Discord would, against the real bot.

One bot serves the module (these commands change nothing), answering from a store seeded with our own
La Liga season and feed stories (tests/e2e/seed.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from bot import __version__ as VERSION
from tests.e2e import seed
from tests.e2e.fake_discord import MEMBER_PERMISSIONS, CommandHidden
from tests.e2e.harness import BotHarness

pytestmark = pytest.mark.asyncio(loop_scope="module")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


async def test_gap_reports_points_and_games_in_hand(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke("gap", {"team": "Real Madrid", "other": "Barcelona"})
    assert record.callback_type == 4 and not record.ephemeral
    text = record.reply.text()
    assert "FC Barcelona lead Real Madrid CF by 3 points" in text
    assert "1 game in hand" in text
    # Games in hand is never negative: it belongs to the side that has played fewer games.
    assert not re.search(r"(?<![\d-])-\d+ \(", text), text


async def test_gap_with_a_date_uses_the_table_of_that_day(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke(
        "gap", {"team": "Real Madrid", "other": "Barcelona", "date": "2026-08-23"}
    )
    assert not record.ephemeral
    noon = int(datetime(2026, 8, 23, 12, tzinfo=UTC).timestamp())
    assert f"as of <t:{noon}:D>" in record.reply.text()  # that day, in each reader's own calendar


async def test_unknown_club_gets_a_friendly_private_answer(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke("gap", {"team": "Nowhere Rovers", "other": "Barcelona"})
    assert record.ephemeral
    text = record.reply.text()
    assert "Nowhere Rovers" in text and "Traceback" not in text


async def test_bad_date_gets_a_friendly_private_answer(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke("table", {"league": "es.1", "date": "31/02/2026"})
    assert record.ephemeral
    assert "date" in record.reply.text().lower()


async def test_table_pages_with_buttons(shared_bot: BotHarness) -> None:
    fake = shared_bot.fake
    record = await fake.invoke("table", {"league": "es.1"})
    first = record.reply
    assert not first.ephemeral and "Athletic Club" in first.text()
    buttons = first.custom_ids()
    assert buttons, "a 20-club table should be paged with buttons"
    shown = {club for club in seed.CLUBS if club in first.text()}
    assert len(shown) < len(seed.CLUBS)
    pages = [first.text()]
    for custom_id in buttons:
        clicked = await fake.click(int(first.message["id"]), custom_id)
        assert clicked.callback_type in (6, 7), clicked.callbacks
        pages.append(fake.messages[int(first.message["id"])]["content"] + clicked.reply.text())
    everything = "\n".join(pages)
    positions = {int(line[:2]) for line in everything.splitlines() if line[:2].strip().isdigit()}
    assert positions == set(range(1, len(seed.CLUBS) + 1))  # every club, on one page or another
    assert "Atlético Madrid" in everything  # a long official name shows as the club's short name


async def test_successor_ranks_by_independent_sources(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke("successor", {"manager": seed.MANAGER})
    text = record.reply.text()
    assert not record.ephemeral
    assert text.index(seed.TIPPED_FIRST) < text.index(seed.TIPPED_SECOND)
    assert "Madrid Touchline" in text and "Iberian Football Desk" in text
    assert seed.SUCCESSOR_LINK in text
    # each tip quotes the sentence that named him, as a quote line
    assert re.search(r"^> \*.*Xavi Hernández.*\*$", text, re.MULTILINE), text


async def test_hotseat_board_ranked_by_pressure(shared_bot: BotHarness) -> None:
    for options in ({}, {"league": "es.1"}):
        record = await shared_bot.fake.invoke("hotseat", options)
        text = record.reply.text()
        assert text.index(seed.MANAGER) < text.index(seed.SECOND_MANAGER)
        assert "under pressure at Atlético Madrid" in text


async def test_manager_profile_has_a_png_chart(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke("manager", {"name": seed.MANAGER})
    reply = record.reply
    assert seed.CLUB in reply.text() and seed.TIPPED_FIRST in reply.text()
    pngs = [f for f in reply.files if f.filename.endswith(".png")]
    assert pngs and pngs[0].data.startswith(PNG_MAGIC), reply.files
    assert pngs[0].content_type == "image/png" or pngs[0].content_type == "application/octet-stream"
    assert reply.message["attachments"][0]["filename"] == pngs[0].filename


async def test_about_shows_version_and_store(shared_bot: BotHarness) -> None:
    record = await shared_bot.fake.invoke("about")
    text = record.reply.text()
    assert VERSION in text
    assert "3 articles" in text


@pytest.mark.parametrize(
    ("command", "options", "focused", "expected"),
    [
        ("gap", {"team": "real ma", "other": ""}, "team", "real-madrid"),
        ("table", {"league": "liga"}, "league", "es.1"),
        ("successor", {"manager": "simeo"}, "manager", seed.MANAGER_KEY),
        ("manager", {"name": "diego s"}, "name", seed.MANAGER_KEY),
        ("digest setup", {"timezone": "Europe/Mad"}, "timezone", "Europe/Madrid"),
    ],
)
async def test_autocomplete(
    shared_bot: BotHarness, command: str, options: dict[str, str], focused: str, expected: str
) -> None:
    choices = await shared_bot.fake.autocomplete(command, options, focused)
    assert 0 < len(choices) <= 25
    assert expected in [c["value"] for c in choices], choices


async def test_autocomplete_with_empty_input_offers_a_short_list(shared_bot: BotHarness) -> None:
    choices = await shared_bot.fake.autocomplete("hotseat", {"league": ""}, "league")
    assert 0 < len(choices) <= 25


async def test_member_without_manage_server_is_not_offered_admin_commands(shared_bot: BotHarness) -> None:
    fake = shared_bot.fake
    digests = fake.guild.channels[1].channel_id
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("digest setup", {"channel": digests, "time": "08:00", "timezone": "UTC"}),
        ("alerts set", {"channel": digests, "level": 3}),
        ("feeds add", {"url": "http://127.0.0.1:9/feed.xml"}),
        ("digest off", {}),
    ]
    for name, options in attempts:
        with pytest.raises(CommandHidden):
            await fake.invoke(name, options, member=fake.member, member_perms=MEMBER_PERMISSIONS)
    status = await fake.invoke("digest status")
    assert "off" in status.reply.text().lower()
    feeds = await fake.invoke("feeds list")
    assert "127.0.0.1:9" not in feeds.reply.text()
    assert not fake.channel_posts()


@pytest.mark.parametrize(
    ("command", "options", "echo"),
    [
        ("successor", {"manager": "Nobody Atall"}, "Nobody Atall"),
        ("manager", {"name": "Nobody Atall"}, "Nobody Atall"),
        ("table", {"league": "xx.9"}, "xx.9"),
        ("gap", {"team": "Real Madrid", "other": "Real Madrid"}, "two different clubs"),
        ("feeds remove", {"feed": "https://not-followed.example/rss"}, "/feeds list"),
    ],
)
async def test_bad_input_gets_a_private_friendly_answer(
    shared_bot: BotHarness, command: str, options: dict[str, str], echo: str
) -> None:
    record = await shared_bot.fake.invoke(command, options)
    text = record.reply.text()
    assert record.ephemeral, text
    assert "Traceback" not in text and "Error:" not in text
    assert echo in text
    assert "went wrong on my side" not in text, "a user mistake was treated as a crash"
