"""Every user command described once: name, help, options, where it is offered, and (for the plain
questions) the service call.

The Discord cogs take their names and descriptions from here (`cogs._catalogue`), the console's
typed-command table and the CLI's subcommands are generated from it, and tests/ops/test_command_agreement.py
fails when a cog's real command tree drifts from it. A new command or option added here appears
everywhere it is offered, with its help.

The texts are also the gettext message ids the Discord translator looks up, so changing one means
updating the .po catalogues too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from bot.errors import UserError
from bot.slash import CommandSpec, Param, ParamKind

if TYPE_CHECKING:
    from bot.service import Service

Surface = Literal["discord", "console", "cli"]
EVERYWHERE: frozenset[Surface] = frozenset({"discord", "console", "cli"})
DISCORD: frozenset[Surface] = frozenset({"discord"})
CONSOLE: frozenset[Surface] = frozenset({"console"})
SERVER: frozenset[Surface] = frozenset({"discord", "console"})  # a server's settings: no CLI verb


class Answer(Protocol):
    """What a service answer offers the text front ends: the console prints text, the CLI text or JSON."""

    def to_dict(self) -> Any: ...

    def to_text(self) -> str: ...


Options = Mapping[str, object]
Ask = Callable[["Service", Options], Awaitable[Answer]]


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    help: str
    kind: ParamKind = "text"
    required: bool = True
    rest: bool = False  # the console takes every remaining word: `/manager Carlo Ancelotti`
    on: frozenset[Surface] = EVERYWHERE
    positional: bool = False  # on the CLI an optional value given without a flag (`hotseat hotseat LEAGUE`)


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # "gap", or "digest setup" for a command in a group
    help: str
    options: tuple[Option, ...] = ()
    on: frozenset[Surface] = EVERYWHERE
    ask: Ask | None = None  # the service call, for commands whose answer is the same on every surface

    @property
    def leaf(self) -> str:
        return self.name.rsplit(" ", 1)[-1]

    def options_on(self, surface: Surface) -> tuple[Option, ...]:
        return tuple(option for option in self.options if surface in option.on)

    def descriptions(self) -> dict[str, str]:
        """Discord's per-option help, for app_commands.describe."""
        return {option.name: option.help for option in self.options_on("discord")}

    def console_spec(self) -> CommandSpec:
        params = tuple(
            Param(option.name, option.required, option.kind, option.rest)
            for option in self.options_on("console")
        )
        return CommandSpec(self.name, self.help, params)


@dataclass(frozen=True, slots=True)
class Said:
    """A one-line answer (`Removed …`) with its JSON form."""

    text: str
    data: dict[str, object]

    def to_dict(self) -> dict[str, object]:
        return self.data

    def to_text(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Listing:
    """A list of answers printed one per line, with a line for when there are none."""

    items: tuple[Answer, ...]
    empty: str

    def to_dict(self) -> list[Any]:
        return [item.to_dict() for item in self.items]

    def to_text(self) -> str:
        return "\n".join(item.to_text() for item in self.items) if self.items else self.empty


def _text(options: Options, name: str) -> str | None:
    value = options.get(name)
    return None if value is None else str(value)


def _day(options: Options, name: str) -> date | None:
    value = options.get(name)
    return value if isinstance(value, date) else None


async def _gap(service: Service, o: Options) -> Answer:
    return await service.football.gap(
        str(o["team"]), str(o["other"]), on=_day(o, "date"), league=_text(o, "league")
    )


async def _table(service: Service, o: Options) -> Answer:
    return await service.football.table(str(o["league"]), on=_day(o, "date"))


async def _successor(service: Service, o: Options) -> Answer:
    return await service.rumours.successors(str(o["manager"]))


async def _hotseat(service: Service, o: Options) -> Answer:
    return await service.rumours.hotseat(_text(o, "league"))


async def _manager(service: Service, o: Options) -> Answer:
    return await service.rumours.manager_profile(str(o["name"]))


async def _about(service: Service, o: Options) -> Answer:
    return await service.about()


async def _feeds_list(service: Service, o: Options) -> Answer:
    return Listing(tuple(await service.news.list_feeds(None)), "No feeds yet.")


async def _feeds_add(service: Service, o: Options) -> Answer:
    return await service.news.add_feed(str(o["url"]), None)


async def _feeds_remove(service: Service, o: Options) -> Answer:
    feed = str(o["feed"])
    if not await service.news.remove_feed(feed, None):
        raise UserError(f"no feed {feed!r} — see the feeds list")
    return Said(f"Removed {feed}.", {"removed": feed})


DATE = Option("date", "YYYY-MM-DD", "date", required=False)


def _follow(kind: str, help_text: str, option_help: str) -> Command:
    return Command(
        f"follow {kind}",
        help_text,
        (
            Option(kind, option_help, rest=True),
            Option("role", "role to ping (optional)", on=DISCORD, required=False),
            Option("level", "lowest level to alert on (default 2)", "level", required=False),
            Option("channel", "where to post (default: the alerts channel)", on=DISCORD, required=False),
        ),
        on=SERVER,
    )


GROUPS: dict[str, str] = {
    "digest": "Daily digest of managers under pressure",
    "alerts": "Stories posted as they happen",
    "feeds": "The news feeds Hotseat reads for this server",
    "follow": "Alerts for the clubs, managers and leagues your server follows",
    "registry": "Correct who coaches whom (bot owner only)",
}

COMMANDS: tuple[Command, ...] = (
    Command(
        "gap",
        "Points gap between two clubs, with games in hand",
        (
            Option("team", "a club"),
            Option("other", "another club in the same league"),
            DATE,
            Option("league", "the league, when a club plays in several", required=False),
        ),
        ask=_gap,
    ),
    Command(
        "table",
        "A league table, as of today or any date",
        (Option("league", "league name or code, e.g. Premier League or es.1"), DATE),
        ask=_table,
    ),
    Command(
        "successor",
        "Who is tipped to replace a manager",
        (Option("manager", "the manager under pressure", rest=True),),
        ask=_successor,
    ),
    Command(
        "hotseat",
        "Managers ranked by pressure",
        (Option("league", "only this league (name or code)", required=False, rest=True, positional=True),),
        ask=_hotseat,
    ),
    Command(
        "manager",
        "A manager's profile with a pressure chart",
        (Option("name", "the manager", rest=True),),
        ask=_manager,
    ),
    Command(
        "digest setup",
        "Post a daily digest in a channel at a local time; change any one setting later",
        (
            Option("channel", "where to post", on=DISCORD, required=False),
            Option("time", "local time, 24-hour HH:MM", required=False),
            Option("timezone", "e.g. Europe/London (default: unchanged, at first the bot's)", required=False),
            Option("min_level", "lowest pressure level to include", "level", required=False),
            Option(
                "leagues",
                "comma-separated league codes, e.g. en.1, es.1, or 'all' (default: unchanged)",
                required=False,
            ),
            Option(
                "language", "language of digests and alerts (default: unchanged)", on=DISCORD, required=False
            ),
        ),
        on=SERVER,
    ),
    Command("digest now", "Preview the next digest privately, then post it if you like", on=SERVER),
    Command("digest off", "Stop the daily digest", on=SERVER),
    Command("digest status", "Schedule, last delivery, next due, problems", on=SERVER),
    Command(
        "alerts set",
        "Post stories at or above a level as they happen",
        (
            Option("channel", "where to post alerts", on=DISCORD),
            Option("level", "lowest level to alert on (3 = sackings)", "level"),
            Option(
                "threads",
                "open a thread on each story's first alert; its later alerts go there (default: unchanged)",
                on=DISCORD,
                required=False,
            ),
        ),
        on=SERVER,
    ),
    Command("alerts off", "Stop posting alerts", on=SERVER),
    Command("feeds list", "Feeds with their health", ask=_feeds_list),
    Command(
        "feeds add",
        "Follow an RSS or Atom feed (its news reaches this server only)",
        (Option("url", "the feed's address (https://…)"),),
        ask=_feeds_add,
    ),
    Command(
        "feeds remove",
        "Stop following a feed",
        (Option("feed", "the feed's id or address"),),
        ask=_feeds_remove,
    ),
    _follow("club", "Alert on stories about a club", "the club to follow"),
    _follow("manager", "Alert on stories about a manager", "the manager to follow"),
    _follow("league", "Alert on stories about a league's managers", "the league to follow"),
    Command("follow list", "What this server follows", on=SERVER),
    Command(
        "follow remove", "Stop following something", (Option("follow", "the follow to remove"),), on=SERVER
    ),
    Command("about", "What Hotseat is and how healthy it is", ask=_about),
    Command("help", "What each Hotseat command does", on=SERVER),
    Command("sync", "Publish Hotseat's slash commands again (bot owner only)", on=DISCORD),
    # The owner's correction; the CLI's form is the operator verb `hotseat registry set-coach`.
    Command(
        "registry set-coach",
        "Record who coaches a club from a date; outranks live data and news",
        (
            Option("club", "the club"),
            Option("person", "who coaches it"),
            Option("from", "first day in charge, YYYY-MM-DD", "date"),
        ),
        on=SERVER,
    ),
    Command("quit", "Leave console mode", on=CONSOLE),
)

CATALOGUE: dict[str, Command] = {command.name: command for command in COMMANDS}


def offered_on(surface: Surface) -> list[Command]:
    return [command for command in COMMANDS if surface in command.on]
