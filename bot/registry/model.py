"""The registry's entities: clubs, people and the tenures that tie them together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

PersonRole = Literal["manager", "candidate", "executive", "other"]
PERSON_ROLES: tuple[PersonRole, ...] = ("manager", "candidate", "executive", "other")
# Tenure roles that make someone the person picking the team (what `manager_of` answers).
COACHING_ROLES = frozenset({"manager", "interim"})


@dataclass(frozen=True, slots=True)
class Club:
    key: str
    name: str
    short_name: str
    league: str
    country: str
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "short_name": self.short_name,
            "league": self.league,
            "country": self.country,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True, slots=True)
class Tenure:
    """A spell at a club. `role` is "manager", "interim", "assistant", "b-team coach", "president", ..."""

    club_key: str
    role: str
    started_on: date | None
    ended_on: date | None
    # Where the spell came from: "bundled", "football-data.org", "news:YYYY-MM-DD" or "admin".
    source: str = "bundled"

    def active_on(self, day: date) -> bool:
        """True when the spell covers `day` (an unknown start counts as "long ago")."""
        started = self.started_on is None or self.started_on <= day
        return started and (self.ended_on is None or day <= self.ended_on)

    def to_dict(self) -> dict[str, Any]:
        return {
            "club_key": self.club_key,
            "role": self.role,
            "started_on": self.started_on.isoformat() if self.started_on else None,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "source": self.source,
        }


# Which source wins when two disagree about the same club: an admin's word, then live data and the news,
# then the bundle.
SOURCE_RANK = {"bundled": 0, "football-data.org": 1, "news": 1, "admin": 2}


def source_rank(source: str) -> int:
    return SOURCE_RANK.get(source.split(":", 1)[0], 0)


@dataclass(frozen=True, slots=True)
class Person:
    """Anyone the press names: managers, people tipped as successors, and executives.

    `role` says what the analysis may do with them: "manager" (a head coach now), "candidate"
    (someone who can be tipped: out-of-work coaches, assistants, B-team coaches, legends, directors
    like Solari), "executive" (decides, is never the manager or a successor), "other".
    """

    key: str
    name: str
    role: PersonRole
    aliases: tuple[str, ...] = ()
    tenures: tuple[Tenure, ...] = ()
    club_key: str | None = None
    title: str | None = None
    nationality: str | None = field(default=None)

    @property
    def tippable(self) -> bool:
        """Whether the analysis may report this person as a possible successor."""
        return self.role in ("manager", "candidate")

    def current_tenures(self) -> tuple[Tenure, ...]:
        return tuple(t for t in self.tenures if t.ended_on is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "role": self.role,
            "aliases": list(self.aliases),
            "club_key": self.club_key,
            "title": self.title,
            "nationality": self.nationality,
            "tenures": [t.to_dict() for t in self.tenures],
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A club or person named in a text; `start`/`end` index the original text."""

    kind: Literal["club", "person"]
    key: str
    start: int
    end: int
    surface: str
