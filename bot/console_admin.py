"""The console's admin commands (/digest setup and off, /alerts, /follow): the Discord cogs' settings
for the console's own server 0, whose channel is the terminal; and the owner's /registry set-coach
(whoever runs the console owns the store)."""

from __future__ import annotations

from datetime import date

from bot.errors import UserError
from bot.follows import FollowLimitError
from bot.football.leagues import resolve_league
from bot.service import Service
from storage.follows import Kind

GUILD = 0  # the console's server (bot.console.CONSOLE_GUILD)
CHANNEL = 0  # the terminal

# The console's own server settings: answered here; the rest of the console's commands in bot/console.py.
NAMES = frozenset(
    {"digest setup", "digest off", "alerts set", "alerts off"}
    | {"follow club", "follow manager", "follow league", "follow list", "follow remove"}
    | {"registry set-coach"}
)


async def answer_admin(service: Service, name: str, o: dict[str, object]) -> str:
    """Run one admin command for the console's server; the reply is text."""
    digests = service.digests
    match name:
        case "registry set-coach":
            day = o["from"]
            assert isinstance(day, date)  # a "date" parameter
            return await service.registry.set_coach(str(o["club"]), str(o["person"]), day)
        case "digest setup":  # an option left out keeps its current value, as on Discord
            status = await digests.status(GUILD)
            time = o.get("time") or status.time
            if time is None:
                raise UserError("the first /digest setup needs a time, e.g. /digest setup 08:00")
            level = o.get("min_level")
            leagues = str(o["leagues"]).split(",") if o.get("leagues") else status.leagues
            return (
                await digests.setup(
                    GUILD,
                    CHANNEL,
                    str(time),
                    str(o.get("timezone") or status.timezone),
                    level if isinstance(level, int) else status.min_level,
                    [code.strip() for code in leagues if code.strip() and code.strip() != "all"],
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
