"""Answers the rumour service gives the front ends: frozen, with `to_dict()` (JSON) and `to_text()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.analysis.models import Finding
from bot.rumours.pressure import formula

LEVEL_NAMES = {0: "none", 1: "murmurs", 2: "serious", 3: "decided"}
TREND_ARROWS = {"up": "↑", "down": "↓", "steady": "→"}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def _level(level: int, standing: str | None = None) -> str:
    """ "level 2 (serious)"; a sacking says how sure it is: "level 3 (decided), reported (1 source)"."""
    text = f"level {level} ({LEVEL_NAMES.get(level, '?')})"
    return f"{text}, {standing}" if standing and level == 3 else text


def standing(status: str | None, sources: int) -> str | None:
    """How sure a sacking is, for people: "confirmed", "withdrawn", or "reported (N sources)" until
    one of those (bot/i18n `standing_text` words it in the reader's language)."""
    if status is None:
        return None
    if status == "reported":
        return f"reported ({sources} source{'s' if sources != 1 else ''})"
    return status


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    findings: int

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "findings": self.findings}

    def to_text(self) -> str:
        return f"{self.articles} articles, {self.findings} findings"


@dataclass(frozen=True, slots=True)
class RecordedFinding:
    """What recording one article did: the finding, and the story it joined or started."""

    article_id: int
    finding: Finding
    manager_key: str | None
    story_id: int | None
    new_story: bool
    weight: float
    claim_check: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "finding": self.finding.to_json(),
            "manager_key": self.manager_key,
            "story_id": self.story_id,
            "new_story": self.new_story,
            "weight": round(self.weight, 4),
            "claim_check": self.claim_check,
        }

    def to_text(self) -> str:
        if not self.finding.pressure:
            return f"Article {self.article_id}: no pressure story."
        story = "new story" if self.new_story else f"joined story {self.story_id}"
        who = self.finding.manager or "unknown manager"
        check = f"; table check: {self.claim_check}" if self.claim_check else ""
        return f"Article {self.article_id}: {who}, {_level(self.finding.level)}, {story}{check}"


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as users see it: its strongest headline, how many outlets told it, when."""

    story_id: int
    headline: str
    url: str
    level: int
    outlets: tuple[str, ...]
    article_count: int
    first_seen: datetime
    last_seen: datetime
    # a sacking (level 3): "reported" until "confirmed", or "withdrawn" unconfirmed (bot/rumours/confirm.py)
    status: str | None = None
    decision_sources: int = 0  # outlets that reported the sacking

    @property
    def standing(self) -> str | None:
        return standing(self.status, self.decision_sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "status": self.status,
            "decision_sources": self.decision_sources,
            "headline": self.headline,
            "url": self.url,
            "level": self.level,
            "outlets": list(self.outlets),
            "article_count": self.article_count,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
        }

    def to_text(self) -> str:
        outlets = ", ".join(self.outlets) or "unknown outlet"
        level = f"{self.level}, {self.standing}" if self.standing else str(self.level)
        return f"[{level}] {self.headline} ({outlets}; {_day(self.last_seen)}) {self.url}"


@dataclass(frozen=True, slots=True)
class SuccessorEntry:
    name: str
    person_key: str | None
    outlet_count: int
    story_count: int
    first_seen: datetime
    last_seen: datetime
    outlets: tuple[str, ...]
    links: tuple[str, ...]
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "person_key": self.person_key,
            "outlet_count": self.outlet_count,
            "story_count": self.story_count,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "outlets": list(self.outlets),
            "links": list(self.links),
            "evidence": self.evidence,
        }

    def to_text(self) -> str:
        outlets = ", ".join(self.outlets)
        plural = "s" if self.outlet_count != 1 else ""
        first, last = _day(self.first_seen), _day(self.last_seen)
        when = first if first == last else f"{first} to {last}"
        return (
            f"{self.name}: {self.outlet_count} outlet{plural} ({outlets}), {self.story_count} "
            f"stor{'ies' if self.story_count != 1 else 'y'}, {when}"
        )


@dataclass(frozen=True, slots=True)
class SuccessorReport:
    manager: str
    manager_key: str
    club: str | None
    since: datetime
    candidates: tuple[SuccessorEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "manager": self.manager,
            "manager_key": self.manager_key,
            "club": self.club,
            "since": _iso(self.since),
            "candidates": [c.to_dict() for c in self.candidates],
        }

    def to_text(self) -> str:
        where = f" ({self.club})" if self.club else ""
        if not self.candidates:
            return f"No one has been tipped to replace {self.manager}{where} since {_day(self.since)}."
        lines = [f"Tipped to replace {self.manager}{where}:"]
        for rank, candidate in enumerate(self.candidates, 1):
            lines.append(f"{rank}. {candidate.to_text()}")
            lines.extend(f"   {link}" for link in candidate.links)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BoardEntry:
    manager: str
    manager_key: str
    club: str | None
    league: str | None
    level: int
    index: float
    trend: str
    headline: str | None
    url: str | None
    standing: str | None = None  # of the latest story, when it is a sacking

    def to_dict(self) -> dict[str, Any]:
        return {
            "manager": self.manager,
            "manager_key": self.manager_key,
            "club": self.club,
            "league": self.league,
            "level": self.level,
            "standing": self.standing,
            "index": round(self.index, 3),
            "trend": self.trend,
            "headline": self.headline,
            "url": self.url,
        }

    def to_text(self) -> str:
        club = f" ({self.club})" if self.club else ""
        head = f"\n   {self.headline} {self.url or ''}".rstrip() if self.headline else ""
        return (
            f"{self.manager}{club}: index {self.index:.2f} {TREND_ARROWS.get(self.trend, '')}, "
            f"{_level(self.level, self.standing)}{head}"
        )


@dataclass(frozen=True, slots=True)
class Board:
    league: str | None
    as_of: datetime
    entries: tuple[BoardEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "league": self.league,
            "as_of": _iso(self.as_of),
            "entries": [e.to_dict() for e in self.entries],
            "formula": formula(),
        }

    def to_text(self) -> str:
        scope = f" in {self.league}" if self.league else ""
        if not self.entries:
            return f"No manager is under pressure{scope} right now."
        lines = [f"Hot seats{scope} ({_day(self.as_of)}):"]
        lines.extend(f"{rank}. {entry.to_text()}" for rank, entry in enumerate(self.entries, 1))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ManagerProfile:
    manager: str
    manager_key: str
    club: str | None
    league: str | None
    since: date | None
    level: int
    index: float
    trend: str
    history: tuple[tuple[datetime, float], ...]
    stories: tuple[StorySummary, ...]
    successors: tuple[SuccessorEntry, ...] = field(default=())
    standing: str | None = None  # of the latest sacking story, if any
    last_club: str | None = None  # out of work: the last club he coached
    until: date | None = None  # ... and when that spell ended
    source: str | None = None  # where the current spell came from ("admin", "news of 2026-01-12", ...)

    def to_dict(self) -> dict[str, Any]:
        return {
            "manager": self.manager,
            "manager_key": self.manager_key,
            "club": self.club,
            "league": self.league,
            "since": self.since.isoformat() if self.since else None,
            "last_club": self.last_club,
            "until": self.until.isoformat() if self.until else None,
            "source": self.source,
            "level": self.level,
            "standing": self.standing,
            "index": round(self.index, 3),
            "trend": self.trend,
            "history": [[moment.isoformat(), round(value, 4)] for moment, value in self.history],
            "stories": [s.to_dict() for s in self.stories],
            "successors": [s.to_dict() for s in self.successors],
            "formula": formula(),
        }

    def to_text(self) -> str:
        club = self.club or _no_club(self.last_club, self.until)
        since = f" since {self.since.isoformat()}" if self.since and self.club else ""
        since += f" (from {self.source})" if self.source and self.club else ""
        lines = [
            f"{self.manager} — {club}{since}",
            f"Pressure: {_level(self.level, self.standing)}, index {self.index:.2f} "
            f"{TREND_ARROWS.get(self.trend, '')} ({self.trend} on a week ago)",
        ]
        if self.stories:
            lines.append("Latest stories:")
            lines.extend(f"- {story.to_text()}" for story in self.stories)
        else:
            lines.append("No stories in the last 90 days.")
        if self.successors:
            names = ", ".join(f"{s.name} ({s.outlet_count})" for s in self.successors)
            lines.append(f"Tipped successors: {names}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class DigestGroup:
    """One manager's stories in a digest window, with his pressure for ranking."""

    manager: str
    manager_key: str
    club: str | None
    league: str | None
    level: int
    index: float
    stories: tuple[StorySummary, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "manager": self.manager,
            "manager_key": self.manager_key,
            "club": self.club,
            "league": self.league,
            "level": self.level,
            "index": round(self.index, 3),
            "stories": [s.to_dict() for s in self.stories],
        }

    def to_text(self) -> str:
        club = f" ({self.club})" if self.club else ""
        lines = [f"{self.manager}{club}: {_level(self.level)}, index {self.index:.2f}"]
        lines.extend(f"- {story.to_text()}" for story in self.stories)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class StoryAlert:
    """A live story to announce. `seq` is the cursor to pass back; `key` makes delivery idempotent."""

    seq: int
    manager: str
    manager_key: str
    club: str | None
    league: str | None
    story: StorySummary
    club_key: str | None = None  # what `/follow club` matches

    @property
    def key(self) -> str:
        """One delivery per story and level, and one more when its sacking is confirmed or withdrawn."""
        settled = f":{self.story.status}" if self.story.status in {"confirmed", "withdrawn"} else ""
        return f"story:{self.story.story_id}:level:{self.story.level}{settled}"

    @property
    def supersedes(self) -> str | None:
        """The key of the earlier alert this one updates (a reported sacking now confirmed or
        withdrawn): the place to edit that message instead of, or as well as, posting anew."""
        if self.story.level != 3 or self.story.status not in {"confirmed", "withdrawn"}:
            return None
        return f"story:{self.story.story_id}:level:3"

    @property
    def level(self) -> int:
        return self.story.level

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "key": self.key,
            "supersedes": self.supersedes,
            "manager": self.manager,
            "manager_key": self.manager_key,
            "club": self.club,
            "league": self.league,
            "story": self.story.to_dict(),
        }

    def to_text(self) -> str:
        club = f" ({self.club})" if self.club else ""
        return (
            f"{self.manager}{club}, {_level(self.story.level, self.story.standing)}: {self.story.to_text()}"
        )


def _no_club(last: str | None, until: date | None) -> str:
    """ "no club (last: Man Utd, until 2024-10-28)": the registry's answer for a man out of work."""
    if last is None:
        return "no club"
    return f"no club (last: {last}, until {until.isoformat()})" if until else f"no club (last: {last})"
