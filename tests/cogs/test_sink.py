"""The Discord delivery sink: escaped, never pinging, within limits, repeat-safe, errors classified."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import discord
import pytest

from bot.digest import Alert, DeliveryError, Digest, DigestEntry, DigestStory
from cogs._sink import DiscordSink, digest_embeds, footer_key, nonce_for

from .conftest import APP_ID, TEXT_CHANNEL_ID, Harness, guild_json, message_json

GERMAN_GUILD_ID = 910000000000000077

HOSTILE = "@everyone Alonso **sacked** <@&42> @here [click](https://evil.example) `code`"


def digest(
    stories: int = 1, managers: int = 1, headline: str = HOSTILE, key: str = "2026-01-15T07:00:00+00:00"
) -> Digest:
    entries = tuple(
        DigestEntry(
            manager=f"Manager {m}",
            club="Real Madrid",
            league="es.1",
            level=3,
            index=5.0 - m / 100,
            stories=tuple(
                DigestStory(
                    f"{headline} {m}.{s}", f"https://news.example/{m}/{s}", 3, ("Liga Desk", "@everyone FM")
                )
                for s in range(stories)
            ),
        )
        for m in range(managers)
    )
    moment = datetime(2026, 1, 15, 7, 0, tzinfo=UTC)
    return Digest(1, key, moment, moment, "Europe/Madrid", entries)


def alert(resumed: bool = False) -> Alert:
    return Alert(
        1,
        "story:7:level:3",
        7,
        7,
        "Xabi Alonso",
        "Real Madrid",
        3,
        HOSTILE,
        "https://news.example/7",
        ("Liga Desk",),
        resumed,
    )


def http_error(kind: type[discord.HTTPException], status: int) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason="nope")
    return kind(response, {"message": "Missing Access", "code": 50001})  # type: ignore[arg-type]


async def test_digest_post_escapes_and_never_pings(harness: Harness) -> None:
    sink = DiscordSink(harness.bot)
    message_id = await sink.post_digest(1, TEXT_CHANNEL_ID, digest())
    assert message_id is not None
    post = harness.recorder.calls[-1]
    assert post.method == "POST" and post.path == f"/channels/{TEXT_CHANNEL_ID}/messages"
    assert post.payload["allowed_mentions"] == {"parse": []}
    assert post.payload["nonce"] == nonce_for(digest().key, 0) and post.payload["enforce_nonce"] is True
    text = post.text
    assert "@everyone" not in text.replace("@\u200beveryone", "")
    assert "@here" not in text.replace("@\u200bhere", "")
    assert "\\*\\*sacked\\*\\*" in text
    assert footer_key(digest().key) in text


async def test_alert_post_links_the_story(harness: Harness) -> None:
    await DiscordSink(harness.bot).post_alert(1, TEXT_CHANNEL_ID, alert())
    embed = harness.recorder.calls[-1].embeds[0]
    assert embed["url"] == "https://news.example/7"
    assert "\\*\\*sacked\\*\\*" in embed["description"]


def test_huge_digest_splits_within_discord_limits() -> None:
    big = digest(stories=12, managers=40, headline="A long headline about a manager " * 6)
    embeds = digest_embeds(big)
    assert len(embeds) > 1
    assert all(len(e) <= 6000 and len(e.fields) <= 25 for e in embeds)
    assert all(len(f.value or "") <= 1024 and len(f.name or "") <= 256 for e in embeds for f in e.fields)
    assert sum(len(e.fields) for e in embeds) == 40


async def test_many_embeds_go_out_as_several_messages(harness: Harness) -> None:
    big = digest(stories=12, managers=60, headline="A long headline about a manager " * 6)
    await DiscordSink(harness.bot).post_digest(1, TEXT_CHANNEL_ID, big)
    posts = [c for c in harness.recorder.calls if c.method == "POST"]
    assert len(posts) >= 2
    assert len({p.payload["nonce"] for p in posts}) == len(posts)
    assert all(len(p.embeds) <= 10 for p in posts)


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (http_error(discord.Forbidden, 403), True),
        (http_error(discord.NotFound, 404), True),
        (http_error(discord.DiscordServerError, 503), False),
    ],
)
async def test_errors_are_classified(harness: Harness, error: discord.HTTPException, permanent: bool) -> None:
    harness.recorder.fail_channel_posts = error
    with pytest.raises(DeliveryError) as caught:
        await DiscordSink(harness.bot).post_alert(1, TEXT_CHANNEL_ID, alert())
    assert caught.value.permanent is permanent
    assert str(TEXT_CHANNEL_ID) in caught.value.reason or not permanent


async def test_resumed_post_finds_the_earlier_message_instead_of_posting(harness: Harness) -> None:
    earlier = message_json(
        TEXT_CHANNEL_ID,
        {"embeds": [{"title": "x", "footer": {"text": f"Hotseat alert · {footer_key('story:7:level:3')}"}}]},
    )
    earlier["author"]["id"] = str(APP_ID)
    harness.recorder.history = [earlier]
    message_id = await DiscordSink(harness.bot).post_alert(1, TEXT_CHANNEL_ID, alert(resumed=True))
    assert message_id == int(earlier["id"])
    assert [c.method for c in harness.recorder.calls] == ["GET"]


async def test_resumed_post_is_sent_when_the_channel_does_not_have_it(harness: Harness) -> None:
    await DiscordSink(harness.bot).post_alert(1, TEXT_CHANNEL_ID, alert(resumed=True))
    assert [c.method for c in harness.recorder.calls] == ["GET", "POST"]


async def test_resumed_multi_part_digest_posts_only_the_missing_parts(harness: Harness) -> None:
    big = digest(stories=12, managers=60, headline="A long headline about a manager " * 6)
    sink = DiscordSink(harness.bot)
    await sink.post_digest(1, TEXT_CHANNEL_ID, big)
    first_run = [c for c in harness.recorder.calls if c.method == "POST"]
    assert len(first_run) >= 2
    # The process died after the first part reached Discord: the channel shows only that one.
    shown = message_json(TEXT_CHANNEL_ID, first_run[0].payload)
    harness.recorder.history = [shown]
    harness.recorder.calls.clear()
    resumed = Digest(big.guild_id, big.key, big.since, big.until, big.timezone, big.entries, resumed=True)
    await sink.post_digest(1, TEXT_CHANNEL_ID, resumed)
    second_run = [c for c in harness.recorder.calls if c.method == "POST"]
    assert len(second_run) == len(first_run) - 1
    assert [p.payload["nonce"] for p in second_run] == [p.payload["nonce"] for p in first_run[1:]]


def test_preview_digest_has_no_delivery_marker() -> None:
    assert all(embed.footer.text is None for embed in digest_embeds(digest()))


async def test_alert_footer_is_a_reference_not_an_internal_key(harness: Harness) -> None:
    await DiscordSink(harness.bot).post_alert(1, TEXT_CHANNEL_ID, alert())
    footer = harness.recorder.calls[-1].embeds[0]["footer"]["text"]
    assert re.fullmatch(r"Hotseat alert · #[0-9a-f]{6}", footer), footer
    assert "story:" not in footer and "level" not in footer


def test_digest_says_one_story_and_shows_times_as_discord_timestamps() -> None:
    one, two = digest_embeds(digest(stories=1))[0], digest_embeds(digest(stories=2))[0]
    assert (one.description or "").startswith("1 story since <t:")
    assert (two.description or "").startswith("2 stories since <t:")
    assert one.timestamp == digest().until


async def test_a_german_server_gets_a_german_digest(harness: Harness) -> None:
    german = guild_json(locale="de", guild_id=GERMAN_GUILD_ID)
    harness.bot._connection._add_guild_from_data(german)
    await DiscordSink(harness.bot).post_digest(GERMAN_GUILD_ID, TEXT_CHANNEL_ID, digest(stories=3))
    embed = harness.recorder.calls[-1].embeds[0]
    assert embed["title"] == "Hotseat-Überblick"
    assert embed["description"].startswith("3 Meldungen seit <t:")
    assert embed["footer"]["text"].startswith("Hotseat-Überblick · #")
    assert embed["fields"][0]["name"].endswith(" · aus")  # a level-3 story: the manager is out
