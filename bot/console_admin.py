"""The console's admin commands (/digest setup and off, /alerts, /follow, /feeds bundled and retry): the
Discord cogs' settings for the console's own server 0, whose channel is the terminal."""

from __future__ import annotations

from bot.errors import UserError
from bot.follows import FollowLimitError
from bot.football.leagues import resolve_league
from bot.service import Service
from bot.slash import CommandSpec, Param
from storage.follows import Kind

GUILD = 0  # the console's server (bot.console.CONSOLE_GUILD)
CHANNEL = 0  # the terminal

LEVEL = Param("level", False, "level")  # lowest level to alert on; 2 (serious) when left out

ADMIN_SPECS = (
    CommandSpec(
        "digest setup",
        "post the daily digest here at a local time",
        (
            Param("time"),
            Param("timezone", False),
            Param("min_level", False, "level"),
            Param("leagues", False),
        ),
    ),
    CommandSpec("digest off", "stop the daily digest"),
    CommandSpec(
        "alerts set", "print stories at or above a level as they happen", (Param("level", kind="level"),)
    ),
    CommandSpec("alerts off", "stop printing alerts"),
    CommandSpec("follow club", "alert on stories about a club", (Param("club", rest=True), LEVEL)),
    CommandSpec("follow manager", "alert on stories about a manager", (Param("manager", rest=True), LEVEL)),
    CommandSpec(
        "follow league", "alert on stories about a league's managers", (Param("league", rest=True), LEVEL)
    ),
    CommandSpec("follow list", "what the console follows"),
    CommandSpec("follow remove", "stop following something (its number in /follow list)", (Param("follow"),)),
    CommandSpec(
        "feeds bundled",
        "switch bundled feeds off or on here, by language or one feed",
        (Param("enabled", kind="bool"), Param("language", False), Param("feed", False)),
    ),
    CommandSpec("feeds retry", "try again a feed disabled after repeated failures", (Param("feed"),)),
)
NAMES = frozenset(spec.name for spec in ADMIN_SPECS)


async def answer_admin(service: Service, name: str, o: dict[str, object]) -> str:
    """Run one admin command for the console's server; the reply is text."""
    digests = service.digests
    match name:
        case "digest setup":
            status = await digests.status(GUILD)
            level = o.get("min_level")
            leagues = str(o.get("leagues") or "")
            return (
                await digests.setup(
                    GUILD,
                    CHANNEL,
                    str(o["time"]),
                    str(o.get("timezone") or status.timezone),
                    level if isinstance(level, int) else status.min_level,
                    [code for code in leagues.split(",") if code.strip() and code.strip() != "all"],
                )
            ).to_text()
        case "digest off":
            return (await digests.disable(GUILD)).to_text()
        case "alerts set":
            level = o["level"]
            return (
                await digests.set_alerts(GUILD, CHANNEL, level if isinstance(level, int) else None)
            ).to_text()
        case "alerts off":
            return (await digests.set_alerts(GUILD, None, None)).to_text()
        case "follow list":
            follows = await service.follows.for_guild(GUILD)
            if not follows:
                return "The console follows nothing yet: try /follow club Arsenal."
            return "\n".join(f"{f.id}. {f.label} (level {f.min_level}+)" for f in follows)
        case "feeds bundled":
            language, feed = o.get("language"), o.get("feed")
            report = await service.news.switch_bundled(
                GUILD,
                bool(o["enabled"]),
                language=str(language) if language is not None else None,
                feed=str(feed) if feed is not None else None,
            )
            return report.to_text()
        case "feeds retry":
            feed = await service.news.retry_feed(None, str(o["feed"]))
            return f"Trying {feed.outlet} (#{feed.id}) again now.\n{feed.to_text()}"
        case "follow remove":
            try:
                gone = await service.follows.remove(GUILD, int(str(o["follow"])))
            except ValueError:
                raise UserError("give the follow's number from /follow list") from None
            return f"No longer following {gone.label}." if gone else "No such follow: see /follow list."
    kinds: dict[str, Kind] = {"follow club": "club", "follow manager": "manager", "follow league": "league"}
    kind, target = kinds[name], str(o.get("club") or o.get("manager") or o.get("league"))
    if kind == "club":
        club = await service.registry.resolve_club(target)
        key, label = club.key, club.name
    elif kind == "manager":
        person = await service.rumours.find_manager(target)
        key, label = person.key, person.name
    else:
        league = resolve_league(target)
        key, label = league.code, league.name
    try:
        level = o.get("level")
        follow = await service.follows.add(
            GUILD,
            kind,
            key,
            label,
            min_level=level if isinstance(level, int) and level > 0 else 2,
        )
    except FollowLimitError as exc:
        raise UserError(
            f"The console already follows {exc} things: remove one with /follow remove."
        ) from None
    return f"Following {follow.label}: its stories at level {follow.min_level}+ print here as alerts."
