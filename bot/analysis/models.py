"""What the analysis reads in one article. `Finding.to_json` is the CLI contract's shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    cue: str
    sentence: str


@dataclass(frozen=True, slots=True)
class SuccessorTip:
    name: str
    evidence: str
    key: str | None = None  # registry key when the person is known


@dataclass(frozen=True, slots=True)
class GapClaim:
    """`team` trails `other` by `points`; `games_in_hand` is the trailing team's, when stated."""

    team: str
    other: str
    points: int
    games_in_hand: int | None = None
    team_key: str | None = None
    other_key: str | None = None


@dataclass(frozen=True, slots=True)
class Appointment:
    """A stated appointment ("X appointed head coach of Y") or an interim named to stand in; the
    rumours side confirms it like a sacking before any tenure opens (bot/rumours/appointing.py)."""

    person: str
    role: str  # "manager" | "interim"
    club: str | None = None
    person_key: str | None = None
    club_key: str | None = None
    club_statement: bool = False  # the club's own announcement
    evidence: str = ""
    rule: str = ""  # the pack's [[appointment]] id


@dataclass(frozen=True, slots=True)
class Finding:
    pressure: bool
    level: int
    score: float
    manager: str | None = None
    club: str | None = None
    manager_key: str | None = None
    club_key: str | None = None
    successors: tuple[SuccessorTip, ...] = ()
    gap_claims: tuple[GapClaim, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=())
    # The pack cue id that decided the level ("sacked", "club_acts"), for "why" in digests and --explain.
    cue_id: str | None = None
    # The level-3 sentence is the club's own statement, quoted or announced ("the club announced").
    club_statement: bool = False
    # The deciding sentence attributes the news to others ("according to reports").
    reported: bool = False
    lang: str | None = None  # the pack the article was read with
    # Appointments stated in the article, read with or without pressure (not part of the JSON contract).
    appointments: tuple[Appointment, ...] = field(default=())
    # The decision path, one line per step (hotseat analyze --explain); not part of the JSON contract.
    explain: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        """The CLI contract's shape (design.md); `explain` adds why: the deciding cue id, the
        club-statement and reported flags, the pack language and the decision path."""
        data: dict[str, Any] = {
            "pressure": self.pressure,
            "level": self.level,
            "score": round(self.score, 3),
            "manager": self.manager,
            "club": self.club,
            "successors": [{"name": s.name, "evidence": s.evidence} for s in self.successors],
            "gap_claims": [
                {"team": g.team, "other": g.other, "points": g.points, "games_in_hand": g.games_in_hand}
                for g in self.gap_claims
            ],
            "sources": list(self.sources),
            "evidence": [{"cue": e.cue, "sentence": e.sentence} for e in self.evidence],
        }
        if explain:
            data["why"] = {
                "cue_id": self.cue_id,
                "club_statement": self.club_statement,
                "reported": self.reported,
                "lang": self.lang,
                "path": list(self.explain),
            }
        return data
