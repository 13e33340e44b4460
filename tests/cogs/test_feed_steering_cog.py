"""/feeds bundled, /feeds retry and the reasons /feeds list gives, through discord.py's real command tree."""

from __future__ import annotations

from datetime import UTC, datetime

from storage import feeds as feed_rows
from tests.cogs.conftest import GUILD_ID, MANAGE_GUILD, USER_ID, Harness, option

BOOLEAN = 5


async def _bundled(harness: Harness) -> dict[str, int]:
    now = datetime.now(UTC)
    async with harness.service.store.transaction() as db:
        await feed_rows.upsert_default(db, "https://marca.example/rss", "Marca", "es", now)
        await feed_rows.upsert_default(db, "https://as.example/rss", "AS", "es", now)
        await feed_rows.upsert_default(db, "https://bbc.example/rss", "BBC Sport", "en", now)
        rows = await feed_rows.all_feeds(db)
    return {row.outlet: row.id for row in rows}


async def test_a_language_off_then_one_feed_back_on(harness: Harness) -> None:
    ids = await _bundled(harness)
    off = await harness.invoke(
        "feeds",
        [option("enabled", False, BOOLEAN), option("language", "es")],
        subcommand="bundled",
        permissions=MANAGE_GUILD,
    )
    assert off[-1].ephemeral
    assert "Bundled feeds in Español: off here" in off[-1].text
    assert "**Marca**" in off[-1].text and "**AS**" in off[-1].text and "BBC" not in off[-1].text
    assert "other servers still get them" in off[-1].text

    back = await harness.invoke(
        "feeds",
        [option("enabled", True, BOOLEAN), option("feed", str(ids["AS"]))],
        subcommand="bundled",
        permissions=MANAGE_GUILD,
    )
    assert "Feed switched on here" in back[-1].text

    listed = (await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD))[-1].text
    marca = next(block for block in listed.split("\n\n") if "**Marca**" in block)
    assert "🔕" in marca and "switched off here with its language (Español) on <t:" in marca
    assert "bundled default feed (Español)" in marca
    as_block = next(block for block in listed.split("\n\n") if "**AS**" in block)
    assert "switched off" not in as_block

    spanish = await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD, locale="es-ES")
    assert "desactivada aquí con su idioma (Español)" in spanish[-1].text
    assert "fuente incluida de serie (English)" in spanish[-1].text

    states = {f.outlet: f.state for f in await harness.service.news.list_feeds(GUILD_ID)}
    assert states == {"Marca": "off", "AS": "new", "BBC Sport": "new"}
    assert all(f.state == "new" for f in await harness.service.news.list_feeds(GUILD_ID + 1))


async def test_bundled_needs_a_language_or_a_feed(harness: Harness) -> None:
    await _bundled(harness)
    neither = await harness.invoke(
        "feeds", [option("enabled", False, BOOLEAN)], subcommand="bundled", permissions=MANAGE_GUILD
    )
    assert neither[-1].ephemeral and "Name either a language or one feed" in neither[-1].text
    own = await harness.invoke(
        "feeds", [option("url", "http://127.0.0.1:9/own.xml")], subcommand="add", permissions=MANAGE_GUILD
    )
    assert "Feed added" in own[-1].text
    [mine] = [f for f in await harness.service.news.list_feeds(GUILD_ID) if f.origin == "own"]
    refused = await harness.invoke(
        "feeds",
        [option("enabled", False, BOOLEAN), option("feed", str(mine.id))],
        subcommand="bundled",
        permissions=MANAGE_GUILD,
    )
    assert refused[-1].ephemeral and "remove it with /feeds remove" in refused[-1].text
    assert all(f.off_here is None for f in await harness.service.news.list_feeds(GUILD_ID))


async def test_list_names_who_added_a_feed_and_retry_refuses_a_healthy_one(harness: Harness) -> None:
    await harness.invoke(
        "feeds", [option("url", "http://127.0.0.1:9/own.xml")], subcommand="add", permissions=MANAGE_GUILD
    )
    listed = (await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD))[-1]
    assert f"added by <@{USER_ID}> on <t:" in listed.text
    assert listed.data.get("allowed_mentions", {}).get("parse") == []
    [mine] = await harness.service.news.list_feeds(GUILD_ID)
    healthy = await harness.invoke(
        "feeds", [option("feed", str(mine.id))], subcommand="retry", permissions=MANAGE_GUILD
    )
    assert healthy[-1].ephemeral and "is not disabled: there is nothing to retry" in healthy[-1].text


async def test_autocomplete_offers_the_feeds_each_command_takes(harness: Harness) -> None:
    ids = await _bundled(harness)
    await harness.invoke(
        "feeds", [option("url", "http://127.0.0.1:9/own.xml")], subcommand="add", permissions=MANAGE_GUILD
    )
    offered = await harness.autocomplete(
        "feeds",
        [option("enabled", False, BOOLEAN), option("feed", "", focused=True)],
        subcommand="bundled",
        permissions=MANAGE_GUILD,
    )
    assert sorted(int(choice["value"]) for choice in offered) == sorted(ids.values())
    async with harness.service.store.transaction() as db:
        await db.execute(
            "UPDATE feeds SET disabled_reason = 'gone', failures = 8, disabled_at = ? WHERE id = ?",
            (datetime(2026, 12, 1, tzinfo=UTC).isoformat(), ids["AS"]),
        )
    listed = (await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD))[-1].text
    as_block = next(block for block in listed.split("\n\n") if "**AS**" in block)
    assert "⛔" in as_block and "disabled: gone" in as_block
    assert "disabled since <t:1796083200:D> after 8 failures: /feeds retry tries again" in as_block
    retry = await harness.autocomplete(
        "feeds", [option("feed", "", focused=True)], subcommand="retry", permissions=MANAGE_GUILD
    )
    assert [int(choice["value"]) for choice in retry] == [ids["AS"]]


async def test_a_long_feed_list_is_shown_whole_over_several_embeds(harness: Harness) -> None:
    now = datetime.now(UTC)
    async with harness.service.store.transaction() as db:
        for n in range(40):
            url = f"https://news.example/rss/search?q={'long+query+' * 8}{n}"
            await feed_rows.upsert_default(db, url, f"Outlet number {n}", "en", now)
    calls = await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD)
    embeds = [embed for call in calls for embed in call.embeds]
    assert len(embeds) > 1 and all(call.ephemeral for call in calls)
    assert all(len(embed["description"]) <= 4096 for embed in embeds)
    text = "\n".join(embed["description"] for embed in embeds)
    assert [n for n in range(40) if f"**Outlet number {n}**" in text] == list(range(40))
