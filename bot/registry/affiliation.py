"""The one answer to "who manages whom": every command, digest and alert asks here.

Before this, /hotseat, /manager and the digests each walked the tenures their own way (one fell back
to a person's declared club, another to the club stored with his last story), so the same man could be
shown at two clubs. The rule here: the coaching spell open on the day asked, latest start first; a man
with none is "no club", with the last club he coached and when that spell ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.registry.model import COACHING_ROLES, Club, Person, Tenure
from bot.registry.registry import Registry


@dataclass(frozen=True, slots=True)
class Affiliation:
    """Where a person coaches on a day: `club`/`tenure` when in a job, else `last`/`last_tenure`."""

    person: Person
    club: Club | None
    tenure: Tenure | None
    last: Club | None = None
    last_tenure: Tenure | None = None

    @property
    def since(self) -> date | None:
        return self.tenure.started_on if self.tenure else None

    @property
    def until(self) -> date | None:
        """When the last spell ended (only when out of work)."""
        return self.last_tenure.ended_on if self.last_tenure else None

    def describe(self) -> str:
        """English one-liner for logs and the CLI: "Real Madrid since 2021-06-01" or
        "no club (last: Man Utd, until 2024-10-28)"."""
        if self.club is not None:
            since = f" since {self.since.isoformat()}" if self.since else ""
            return f"{self.club.short_name}{since}"
        if self.last is not None:
            until = f", until {self.until.isoformat()}" if self.until else ""
            return f"no club (last: {self.last.short_name}{until})"
        return "no club"


def source_label(source: str) -> str:
    """Where a spell came from, as /manager says it: "bundled data", "football-data.org",
    "news of 2026-01-12" or "admin"."""
    kind, _, day = source.partition(":")
    if kind == "news":
        return f"news of {day}" if day else "news"
    return "bundled data" if kind == "bundled" else kind


def _start(tenure: Tenure) -> date:
    return tenure.started_on or date.min


def affiliation(registry: Registry, person: Person, on: date | None = None) -> Affiliation:
    """The person's coaching spell open on `on` (today when None), or his last one if none is."""
    day = on or date.today()
    coaching = sorted((t for t in person.tenures if t.role in COACHING_ROLES), key=_start)
    open_ = [t for t in coaching if t.active_on(day) and t.club_key in registry.clubs]
    if open_:
        tenure = open_[-1]
        return Affiliation(person, registry.clubs[tenure.club_key], tenure)
    ended = [
        t for t in coaching if t.ended_on is not None and t.ended_on < day and t.club_key in registry.clubs
    ]
    if ended:
        last = max(ended, key=lambda t: (t.ended_on or date.min, _start(t)))
        return Affiliation(person, None, None, registry.clubs[last.club_key], last)
    return Affiliation(person, None, None)


def manager_of(registry: Registry, club_key: str, on: date | None = None) -> Person | None:
    """Who picks the club's team on `on`: the same rule as `affiliation`, seen from the club."""
    return registry.manager_of(club_key, on or date.today())
