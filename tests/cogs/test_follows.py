"""/follow through the command tree, and the alert message it leads to: one role pinged, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import discord

from bot.digest import Alert
from cogs._sink import DiscordSink, alert_embed, role_pings

from .conftest import GUILD_ID, MANAGE_GUILD, TEXT_CHANNEL_ID, Harness, channel_resolved, option

ROLE_ID = 930000000000000007


def role_resolved(role_id: int, name: str = "Merengues") -> dict[str, Any]:
    role = {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "hoist": False,
        "position": 1,
        "permissions": "0",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {"roles": {str(role_id): role}}


async def follow_league(harness: Harness, *extra: dict[str, Any], **kwargs: Any) -> str:
    calls = await harness.invoke(
        "follow",
        [option("league", "La Liga"), *extra],
        subcommand="league",
        permissions=MANAGE_GUILD,
        **kwargs,
    )
    assert calls and calls[0].ephemeral
    return calls[0].text


async def test_follow_is_admin_only_by_default_and_server_only(harness: Harness) -> None:
    group = harness.bot.tree.get_command("follow")
    assert isinstance(group, discord.app_commands.Group)
    assert group.default_permissions == discord.Permissions(manage_guild=True)
    assert group.guild_only


async def test_following_needs_a_channel_when_alerts_are_off(harness: Harness) -> None:
    text = await follow_league(harness)
    assert "/alerts set" in text
    assert await harness.service.follows.for_guild(GUILD_ID) == []


async def test_everyone_is_never_a_follow_role(harness: Harness) -> None:
    everyone = option("role", str(GUILD_ID), kind=8)
    channel = option("channel", str(TEXT_CHANNEL_ID), kind=7)
    resolved = channel_resolved(TEXT_CHANNEL_ID) | role_resolved(GUILD_ID, "@everyone")
    text = await follow_league(harness, everyone, channel, resolved=resolved)
    assert "@everyone" in text
    assert await harness.service.follows.for_guild(GUILD_ID) == []


async def test_follow_list_and_remove_in_the_callers_language(harness: Harness) -> None:
    role = option("role", str(ROLE_ID), kind=8)
    channel = option("channel", str(TEXT_CHANNEL_ID), kind=7)
    resolved = channel_resolved(TEXT_CHANNEL_ID) | role_resolved(ROLE_ID)
    text = await follow_league(harness, role, channel, resolved=resolved, locale="es-ES")
    assert "Siguiendo" in text and f"<@&{ROLE_ID}>" in text and "@menciones" in text
    [follow] = await harness.service.follows.for_guild(GUILD_ID)
    assert (follow.kind, follow.target, follow.role_id, follow.min_level) == ("league", "es.1", ROLE_ID, 2)

    listed = await harness.invoke("follow", subcommand="list", permissions=MANAGE_GUILD)
    assert f"<#{TEXT_CHANNEL_ID}>" in listed[0].text and listed[0].ephemeral
    choices = await harness.autocomplete(
        "follow", [option("follow", "lig", focused=True)], subcommand="remove", permissions=MANAGE_GUILD
    )
    assert [c["value"] for c in choices] == [follow.id]
    removed = await harness.invoke(
        "follow", [option("follow", follow.id, kind=4)], subcommand="remove", permissions=MANAGE_GUILD
    )
    assert "La Liga" in removed[0].text
    assert await harness.service.follows.for_guild(GUILD_ID) == []
    again = await harness.invoke(
        "follow", [option("follow", follow.id, kind=4)], subcommand="remove", permissions=MANAGE_GUILD
    )
    assert "/follow list" in again[0].text


def test_role_pings_allow_only_those_roles() -> None:
    content, allowed = role_pings((11, 12))
    assert content == "<@&11> <@&12>"
    assert allowed.to_dict() == {"parse": [], "roles": [11, 12]}
    content, allowed = role_pings(())
    assert content is None and allowed.to_dict() == {"parse": []}


def test_alert_names_the_outlet_that_broke_it_and_when() -> None:
    when = datetime(2026, 3, 1, 20, 15, tzinfo=UTC)
    alert = Alert(
        guild_id=1,
        key="story:9:level:3",
        seq=9,
        story_id=9,
        manager="Xabi Alonso",
        club="Real Madrid",
        level=3,
        headline="Alonso sacked",
        url="https://news.example/9",
        outlets=("@everyone **Desk**", "Marca"),
        at=when,
    )
    embed = alert_embed(alert)
    assert embed.timestamp == when
    assert "First reported by" in (embed.description or "")
    assert "First reported by @\u200beveryone \\*\\*Desk\\*\\*" in (embed.description or "")


async def test_a_confirmed_sacking_edits_the_reported_message_in_place(harness: Harness) -> None:
    confirmed = Alert(
        guild_id=1,
        key="story:9:level:3:confirmed",
        seq=12,
        story_id=9,
        manager="Xabi Alonso",
        club="Real Madrid",
        level=3,
        headline="Alonso sacked",
        url="https://news.example/9",
        outlets=("Marca",),
        standing="confirmed",
        role_ids=(ROLE_ID,),
        replaces=940000000000000001,
    )
    await DiscordSink(harness.bot).post_alert(1, TEXT_CHANNEL_ID, confirmed)
    [call] = harness.recorder.calls
    assert (call.method, call.path) == ("PATCH", f"/channels/{TEXT_CHANNEL_ID}/messages/940000000000000001")
    assert call.payload["content"] == f"<@&{ROLE_ID}>"
    assert call.payload["allowed_mentions"] == {"parse": [], "roles": [ROLE_ID]}
    assert "confirmed" in call.text
