"""The people and clubs an article names (entities.build_cast fills them)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from bot.analysis.names import surname_key


@dataclass(slots=True)
class Entity:
    """One person (or club) and everything the text says around its mentions."""

    key: str
    name: str
    kind: str  # "person" | "club"
    registry_key: str | None = None
    registry_role: str | None = None
    registry_club: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    manager_role: int = 0
    former_role: int = 0
    interim_role: int = 0  # "interim boss X": the stand-in after a sacking, not the man under pressure
    exec_role: int = 0
    player_role: int = 0
    media_role: int = 0
    role_clubs: list[str] = field(default_factory=list)  # club entity keys seen as "<Club> manager X"
    object_hits: int | None = None  # memo for scoring.object_hits
    strong_object_hits: int | None = None

    @property
    def surname(self) -> str:
        return surname_key(self.name)

    @property
    def registry_excludes(self) -> bool:
        """The registry lists him as no coach ("other": pundits, retired managers) and the text does not
        overrule it. The registry speaks of today; an undated article that calls him the manager in the
        present ("West Brom manager Alan Pardew", "Pardew's side") was written during his spell."""
        if self.registry_role != "other":
            return False
        text_coach = self.manager_role > self.former_role and not (self.media_role or self.player_role)
        return not text_coach


@dataclass(slots=True)
class Cast:
    """Everyone named in the article, in order of first mention."""

    people: dict[str, Entity]
    clubs: dict[str, Entity]
    mentions: list[tuple[int, int, str]]  # (start, end, entity key) in text order, people and clubs
    low: str = ""  # the folded article text the offsets index
    starts: list[int] = field(default_factory=list)  # mention starts, for bisecting

    def _window(self, start: int, end: int) -> list[tuple[int, int, str]]:
        if len(self.starts) != len(self.mentions):
            self.starts = [s for s, _e, _k in self.mentions]
        return self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def people_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        return [
            (s, e, self.people[k]) for s, e, k in self._window(start, end) if e <= end and k in self.people
        ]

    def clubs_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        return [(s, e, self.clubs[k]) for s, e, k in self._window(start, end) if e <= end and k in self.clubs]
