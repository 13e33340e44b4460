"""Every command dispatched through the real command tree, answers captured as Discord would get them."""

from __future__ import annotations

import asyncio
import re

import discord
import pytest

from .conftest import (
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_GUILD,
    TEXT_CHANNEL_ID,
    VOICE_CHANNEL_ID,
    Harness,
    channel_resolved,
    interaction_payload,
    message_json,
    option,
)


async def test_gap_answers_with_positions_and_games_in_hand(harness: Harness) -> None:
    calls = await harness.invoke("gap", [option("team", "real-madrid"), option("other", "FC Barcelona")])
    assert len(calls) == 1 and calls[0].payload["type"] == 4
    assert not calls[0].ephemeral
    text = calls[0].text
    assert "Real Madrid" in text and "Barcelona" in text
    assert "Games in hand" in text


async def test_gap_with_unknown_club_is_a_friendly_ephemeral_error(harness: Harness) -> None:
    calls = await harness.invoke("gap", [option("team", "Real Madird"), option("other", "Narnia United")])
    assert len(calls) == 1 and calls[0].ephemeral
    assert "No club called" in calls[0].text
    assert "Traceback" not in calls[0].text


async def test_bad_date_says_the_format(harness: Harness) -> None:
    calls = await harness.invoke(
        "gap", [option("team", "real-madrid"), option("other", "FC Barcelona"), option("date", "6/11/24")]
    )
    assert calls[0].ephemeral and "YYYY-MM-DD" in calls[0].text


async def test_table_pages_with_buttons(harness: Harness) -> None:
    calls = await harness.invoke("table", [option("league", "es.1")])
    data = calls[0].data
    assert "```" in data["embeds"][0]["description"]
    buttons = [c for row in data.get("components", []) for c in row["components"]]
    assert [b["label"] for b in buttons] == ["Previous", "Next"]
    assert buttons[0].get("disabled") is True


async def test_autocomplete_clubs_and_leagues_within_limits(harness: Harness) -> None:
    clubs = await harness.autocomplete("gap", [option("team", "barc", focused=True), option("other", "")])
    assert clubs and len(clubs) <= 25
    assert any("Barcelona" in choice["name"] for choice in clubs)
    leagues = await harness.autocomplete("table", [option("league", "", focused=True)])
    assert 0 < len(leagues) <= 25
    zones = await harness.autocomplete(
        "digest", [option("timezone", "madr", focused=True)], subcommand="setup", permissions=MANAGE_GUILD
    )
    assert {"name": "Europe/Madrid", "value": "Europe/Madrid"} in zones


async def test_hotseat_and_successor_escape_feed_text(harness: Harness) -> None:
    board = (await harness.invoke("hotseat"))[0]
    assert not board.ephemeral
    assert board.data["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in board.text.replace("@\u200beveryone", "")
    successor = (await harness.invoke("successor", [option("manager", "Xabi Alonso")]))[0]
    assert "Xabi Alonso" in successor.text


async def test_unknown_manager_is_refused_kindly(harness: Harness) -> None:
    calls = await harness.invoke("successor", [option("manager", "Nobody Atall")])
    assert calls[0].ephemeral and "No manager" in calls[0].text


async def test_manager_profile_attaches_a_png_chart(harness: Harness) -> None:
    pytest.importorskip("matplotlib")  # an optional extra: hotseat[charts]
    calls = await harness.invoke("manager", [option("name", "Xabi Alonso")])
    assert calls[0].payload["type"] == 5  # deferred while the chart renders
    followup = calls[-1]
    assert followup.files == ["pressure.png"]
    assert followup.embeds[0]["image"]["url"] == "attachment://pressure.png"


async def test_about_reports_store_and_feeds(harness: Harness) -> None:
    call = (await harness.invoke("about"))[0]
    assert "Version" in call.text and "Feeds" in call.text


async def test_admin_commands_leave_permissions_to_discord(harness: Harness) -> None:
    """Manage Server by default, but a member a server override lets in is served, not refused again."""
    for name in ("digest", "alerts", "feeds"):
        group = harness.bot.tree.get_command(name)
        assert group is not None and group.default_permissions == discord.Permissions(manage_guild=True)
        assert group.guild_only
    calls = await harness.invoke("digest", subcommand="status")  # an everyday member, let in by an override
    assert len(calls) == 1 and calls[0].ephemeral
    assert "Manage Server" not in calls[0].text and "Daily digest" in calls[0].text


async def test_digest_setup_status_off(harness: Harness) -> None:
    setup = await harness.invoke(
        "digest",
        [
            option("channel", str(TEXT_CHANNEL_ID), 7),
            option("time", "08:30"),
            option("timezone", "Europe/Madrid"),
            option("min_level", 2, 4),
        ],
        subcommand="setup",
        permissions=MANAGE_GUILD,
        resolved=channel_resolved(TEXT_CHANNEL_ID),
    )
    assert setup[0].ephemeral and "08:30" in setup[0].text and "Europe/Madrid" in setup[0].text
    status = await harness.invoke("digest", subcommand="status", permissions=MANAGE_GUILD)
    assert "Next due" in status[0].text
    off = await harness.invoke("digest", subcommand="off", permissions=MANAGE_GUILD)
    assert "off" in off[0].text


async def test_digest_setup_rejects_bad_time_and_voice_channels(harness: Harness) -> None:
    bad_time = await harness.invoke(
        "digest",
        [option("channel", str(TEXT_CHANNEL_ID), 7), option("time", "25:99"), option("timezone", "UTC")],
        subcommand="setup",
        permissions=MANAGE_GUILD,
        resolved=channel_resolved(TEXT_CHANNEL_ID),
    )
    assert bad_time[0].ephemeral and "HH:MM" in bad_time[0].text
    voice = await harness.invoke(
        "digest",
        [option("channel", str(VOICE_CHANNEL_ID), 7), option("time", "08:00"), option("timezone", "UTC")],
        subcommand="setup",
        permissions=MANAGE_GUILD,
        resolved=channel_resolved(VOICE_CHANNEL_ID, "voice", kind=2),
    )
    assert voice[0].ephemeral and "text channel" in voice[0].text


async def test_digest_now_shows_new_stories(harness: Harness) -> None:
    calls = await harness.invoke("digest", subcommand="now", permissions=MANAGE_GUILD)
    assert calls and calls[0].data["allowed_mentions"] == {"parse": []}
    # The seeded Alonso story is hours old and nothing was ever delivered: the preview must show it.
    assert "Xabi Alonso" in calls[0].text and "Nothing new" not in calls[0].text
    assert "https://liga-desk.example/0" in calls[0].text


async def test_alerts_on_and_off(harness: Harness) -> None:
    on = await harness.invoke(
        "alerts",
        [option("channel", str(TEXT_CHANNEL_ID), 7), option("level", 3, 4)],
        subcommand="set",
        permissions=MANAGE_GUILD,
        resolved=channel_resolved(TEXT_CHANNEL_ID),
    )
    assert f"Level 3+ (decided) in <#{TEXT_CHANNEL_ID}>" in on[0].text
    assert (await harness.service.digests.status(GUILD_ID)).alerts_level == 3
    off = await harness.invoke("alerts", subcommand="off", permissions=MANAGE_GUILD)
    assert off[0].ephemeral and "Off: turn them on with /alerts set" in off[0].text
    assert (await harness.service.digests.status(GUILD_ID)).alerts_channel_id is None


async def test_feeds_add_list_remove(harness: Harness) -> None:
    bad = await harness.invoke(
        "feeds", [option("url", "ftp://nope")], subcommand="add", permissions=MANAGE_GUILD
    )
    assert bad[-1].ephemeral and "Traceback" not in bad[-1].text
    assert "https://" in bad[-1].text, "the refusal must say which addresses are accepted"
    listed = await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD)
    assert listed[0].ephemeral and "Feeds" in listed[0].text
    missing = await harness.invoke(
        "feeds",
        [option("feed", "https://not-followed.example/rss")],
        subcommand="remove",
        permissions=MANAGE_GUILD,
    )
    assert missing[0].ephemeral and "/feeds list" in missing[0].text


async def test_commands_in_direct_messages_are_refused(harness: Harness) -> None:
    calls = await harness.invoke("digest", subcommand="status", guild=False)
    assert calls[0].ephemeral and "server" in calls[0].text


async def test_table_page_button_turns_the_page_for_its_owner_only(harness: Harness) -> None:
    first = (await harness.invoke("table", [option("league", "es.1")]))[0]
    buttons = [c for row in first.data["components"] for c in row["components"]]
    next_id = buttons[1]["custom_id"]
    press = interaction_payload("table")
    press.update(type=3, data={"custom_id": next_id, "component_type": 2})
    press["message"] = message_json(CHANNEL_ID, first.data)
    harness.bot._connection.parse_interaction_create(press)
    for _ in range(100):
        if harness.recorder.for_token(press["token"]):
            break
        await asyncio.sleep(0.01)
    turned = harness.recorder.for_token(press["token"])[0]
    assert turned.payload["type"] == 7  # UPDATE_MESSAGE
    assert "Page 2 of 2" in turned.text


async def test_someone_elses_page_button_is_refused_politely(harness: Harness) -> None:
    first = (await harness.invoke("table", [option("league", "es.1")]))[0]
    next_id = [c for row in first.data["components"] for c in row["components"]][1]["custom_id"]
    press = interaction_payload("table")
    press.update(type=3, data={"custom_id": next_id, "component_type": 2})
    press["member"]["user"]["id"] = "930000000000000999"
    press["message"] = message_json(CHANNEL_ID, first.data)
    harness.bot._connection.parse_interaction_create(press)
    for _ in range(100):
        if harness.recorder.for_token(press["token"]):
            break
        await asyncio.sleep(0.01)
    refused = harness.recorder.for_token(press["token"])[0]
    assert refused.ephemeral and "run it yourself" in refused.text


async def test_hotseat_for_a_league(harness: Harness) -> None:
    laliga = (await harness.invoke("hotseat", [option("league", "es.1")]))[0]
    assert not laliga.ephemeral and "Xabi Alonso" in laliga.text
    unknown = (await harness.invoke("hotseat", [option("league", "Narnia Premier Division")]))[0]
    assert unknown.ephemeral and "Traceback" not in unknown.text


async def test_digest_leagues_accept_names_and_refuse_typos(harness: Harness) -> None:
    def setup(leagues: str) -> list[dict[str, object]]:
        return [
            option("channel", str(TEXT_CHANNEL_ID), 7),
            option("time", "08:00"),
            option("timezone", "UTC"),
            option("leagues", leagues),
        ]

    kwargs = {
        "subcommand": "setup",
        "permissions": MANAGE_GUILD,
        "resolved": channel_resolved(TEXT_CHANNEL_ID),
    }
    ok = await harness.invoke("digest", setup("La Liga, EPL, pt.1"), **kwargs)
    assert "es.1, en.1, pt.1" in ok[0].text
    typo = await harness.invoke("digest", setup("Premer Leage"), **kwargs)
    assert typo[0].ephemeral and "No league called" in typo[0].text


async def test_chart_command_cools_down_with_a_private_answer(harness: Harness) -> None:
    fan = 930000000000000555  # a user of their own: cooldowns count per person, for the whole process
    for _ in range(3):
        calls = await harness.invoke("manager", [option("name", "Xabi Alonso")], user_id=fan)
        assert calls[0].payload["type"] == 5, calls[0].text  # deferred: the chart is being drawn
    refused = await harness.invoke("manager", [option("name", "Xabi Alonso")], user_id=fan)
    assert refused[0].ephemeral and "run it again <t:" in refused[0].text, refused[0].text
    other = await harness.invoke("manager", [option("name", "Xabi Alonso")], user_id=fan + 1)
    assert other[0].payload["type"] == 5


async def test_status_shows_discord_timestamps_and_replies_follow_the_user_locale(harness: Harness) -> None:
    kwargs = {"permissions": MANAGE_GUILD, "resolved": channel_resolved(TEXT_CHANNEL_ID)}
    options = [option("channel", str(TEXT_CHANNEL_ID), 7), option("time", "08:30"), option("timezone", "UTC")]
    await harness.invoke("digest", options, subcommand="setup", **kwargs)
    status = await harness.invoke("digest", subcommand="status", permissions=MANAGE_GUILD, locale="it")
    text = status[0].text
    assert "Stato del riepilogo" in text and "Prossimo" in text
    assert re.search(r"<t:\d+:f> \(<t:\d+:R>\)", text), text
    assert " UTC\n" not in text and "Mon " not in text  # no hand-formatted times


async def test_feed_list_in_the_callers_language(harness: Harness) -> None:
    french = await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD, locale="fr")
    assert french[0].ephemeral and "Pas encore de flux" in french[0].text, french[0].text
    english = await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD)
    assert "No feeds yet" in english[0].text


async def test_hotseat_shows_heat_not_a_bare_index(harness: Harness) -> None:
    board = (await harness.invoke("hotseat"))[0]
    assert "index" not in board.text
    assert "▰" in board.text  # the heat bar, e.g. "boiling ▰▰▰▰▱"


async def test_manager_without_movement_gets_no_chart_but_a_note(harness: Harness) -> None:
    calls = await harness.invoke("manager", [option("name", "Hansi Flick")])
    followup = calls[-1]
    assert followup.files == [] and "image" not in followup.embeds[0], followup.text
    assert "No chart: pressure has not moved in the last 90 days." in followup.text
