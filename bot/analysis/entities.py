"""People and clubs named in an article, each with the roles the text gives them.

Two sources, merged by surname: registry mentions (canonical names and keys) and capitalised name
runs found in the text itself, so a coach the registry does not know ("Castilla coach Raul Gonzalez")
is still found. Roles come from the words right around each mention: "manager X", "X's side",
"former boss X", "sporting director X", "striker X", "journalist X".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from bot.analysis.cast import Cast, Entity
from bot.analysis.lookups import club_named, person_named, person_spelled_like, run_kind
from bot.analysis.names import PARTICLES, doc_name_runs, strip_offsets, surname_key
from bot.analysis.roles import ROLE_MANAGER, read_roles, role_before, role_phrases
from bot.analysis.sources import OUTLET_SPELLINGS
from bot.analysis.text import Doc, fold
from bot.registry.model import Club, Mention
from bot.registry.registry import Registry

__all__ = ["Cast", "Entity", "build_cast", "club_display_name"]


def _words(text: str) -> frozenset[str]:
    """A word set written as one readable block of text."""
    return frozenset(text.split())


_LEGAL = _words(
    """
    fc cf afc sc ac as ss ssc us sad cfc f.c. c.f. ogc osc sl tsg sv vfl vfb rcd rc cd ud ca bsc fk sk nk gnk
    hnk pfc rsc krc
    """
)


@lru_cache(maxsize=4096)
def club_display_name(club: Club) -> str:
    """The name the English-language press uses: the official name without legal affixes and years
    ("Real Madrid CF" -> "Real Madrid"), or its English alias when the official name is not
    English ("FC Bayern München" -> "Bayern Munich"), else the short name."""
    words = [w for w in club.name.split() if not w.strip(".").isdigit()]
    while len(words) > 1 and words[-1].lower() in _LEGAL:
        words.pop()
    while len(words) > 1 and words[0].lower() in _LEGAL:
        words.pop(0)
    stripped = " ".join(words)
    if stripped.isascii():
        return stripped
    first = fold(words[0])
    for alias in club.aliases:
        if alias.isascii() and len(alias.split()) > 1 and fold(alias.split()[0]) == first:
            return alias
    return club.short_name or stripped


def build_cast(doc: Doc, registry: Registry | None) -> Cast:
    """Find every person and club, merge mentions of the same person, and read their roles."""
    text = doc.text
    people: dict[str, Entity] = {}
    clubs: dict[str, Entity] = {}
    mentions: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    registry_mentions: Iterable[Mention] = registry.find_mentions(text) if registry is not None else ()
    for rm in registry_mentions:
        if registry is None:
            break
        if rm.kind == "club" and rm.key not in clubs:
            club = registry.clubs[rm.key]
            clubs[rm.key] = Entity(rm.key, club_display_name(club), "club", rm.key)
        elif rm.kind == "person" and rm.key not in people:
            person = registry.people[rm.key]
            people[rm.key] = Entity(rm.key, person.name, "person", rm.key, person.role, person.club_key)
        mentions.append((rm.start, rm.end, rm.key))
        taken.append((rm.start, rm.end))

    covered = bytearray(len(text) + 1)
    for ts, te in taken:
        covered[ts:te] = b"\x01" * (te - ts)

    def overlaps(s: int, e: int) -> bool:
        return covered.find(1, s, e) != -1

    runs: list[tuple[int, int, str]] = []
    for ms, me in doc_name_runs(doc):
        if ms and (text[ms - 1].isalnum() or text[ms - 1] in "'_"):
            continue
        if covered.find(0, ms, me) == -1:
            continue  # wholly inside registry mentions: whatever stripping leaves overlaps them
        head, tail = strip_offsets(doc.low[ms:me])
        s, e = ms + head, me - tail
        if e <= s or overlaps(s, e):
            continue
        surface = text[s:e]
        if surface.endswith("'s") or surface.endswith("'"):
            e -= 2 if surface.endswith("'s") else 1
            surface = text[s:e]
        kind = run_kind(registry, surface)
        if kind is False:
            _text_club(doc, registry, clubs, mentions, s, e, surface)
            continue
        if isinstance(kind, Club):  # an alias too ambiguous to scan for, unique on lookup ("Dundee")
            clubs.setdefault(kind.key, Entity(kind.key, club_display_name(kind), "club", kind.key))
            mentions.append((s, e, kind.key))
            continue
        if _VERB_AFTER.match(doc.text, e, e + 40) and role_before(doc, s) is None:
            _text_club(doc, registry, clubs, mentions, s, e, surface)
            continue
        if (
            " " not in surface
            and _ROLE_AFTER.match(doc.low, e, e + 20)
            and not any(surname_key(p.name) == fold(surface) for p in people.values())
        ):
            _text_club(doc, registry, clubs, mentions, s, e, surface)
            continue
        runs.append((s, e, surface))

    _link_people(doc, registry, runs, people, mentions)
    mentions.sort()
    for s, e, key in mentions:
        ent = people.get(key) or clubs[key]
        ent.spans.append((s, e))
        ent.sentences.add(doc.sentence_at(s).index)
    read_roles(doc, people, clubs, mentions)
    role_phrases(doc, people, clubs, mentions)
    return Cast(people, clubs, mentions, doc.low)


_CLUB_WORDS = _words(
    """
    fc afc cf cd sc ac united city town rovers athletic atletico albion wanderers hotspur county
    villa palace forest
    """
)
# Words that make a capitalised run an organisation, competition or outlet, never a club of its own.
_NOT_CLUB_WORDS = _words(
    """
    trust project foundation consortium institute agency society network news press media group
    holdings league championship cup premier conference division federation association committee
    council academy
    """
)
_ROLE_AFTER = re.compile(rf"[ \t]+(?:interim\s+|caretaker\s+|head\s+)?{ROLE_MANAGER}\b")


_DEMONYM_END = re.compile(r"(?:ian|an|ese|ish|ese)$")
_VERB_AFTER = re.compile(
    r"\s+(?:have\s+|has\s+)?(?:sacked|fired|fire|sack|sacks|fires|dismissed|dismiss|relieved|appointed|"
    r"appoint)\s+(?:(?:head\s+)?coach|manager|boss|[A-Z])"
)


def _text_club(
    doc: Doc,
    registry: Registry | None,
    clubs: dict[str, Entity],
    mentions: list[tuple[int, int, str]],
    s: int,
    e: int,
    surface: str,
) -> None:
    """A capitalised run that names a club the mention scan skipped: a registry alias too ambiguous
    to scan for ("Barcelona", "Inter") but unique on lookup, or a club-shaped name ("Leeds United",
    "Marseille coach", "Hertha Berlin fire coach")."""
    words = fold(surface).split()
    club = club_named(registry, surface) if registry is not None and len(words) <= 4 else None
    if club is not None:
        clubs.setdefault(club.key, Entity(club.key, club_display_name(club), "club", club.key))
        mentions.append((s, e, club.key))
        return
    after = doc.low[e : e + 30]
    if len(words) == 1 and len(surface) <= 3 and not surface.isupper():
        return  # "Le coach", "El técnico", "Il mister": a sentence's article, not a club ("PSV" is)
    if len(words) == 1 and _DEMONYM_END.search(words[0]) and not set(words) & _CLUB_WORDS:
        return  # "the Valencian technician": a demonym, not a club name
    if set(words) & _NOT_CLUB_WORDS or fold(surface) in OUTLET_SPELLINGS:
        return  # "Premier League boss", "Trust Project": a competition or organisation
    clubby = set(words) & _CLUB_WORDS or _ROLE_AFTER.match(after) or _VERB_AFTER.match(doc.text, e, e + 40)
    if not clubby or len(words) > 4:
        return
    key = "club:" + " ".join(words)
    clubs.setdefault(key, Entity(key, surface, "club"))
    mentions.append((s, e, key))


def _link_people(
    doc: Doc,
    registry: Registry | None,
    runs: list[tuple[int, int, str]],
    people: dict[str, Entity],
    mentions: list[tuple[int, int, str]],
) -> None:
    """Give each name run an entity: full names by name (or the registry), surnames by nearest match.

    Two people may share a surname ("Marc Dos Santos" and his brother Philip): full names stay apart,
    and a bare surname goes to the last person with that surname named before it.
    """
    full = _FullNames({fold(p.name): k for k, p in people.items()})
    for s, e, surface in runs:
        words = surface.split()
        if len(words) < 2 or len(surface) > 40 or words[0].lower() in PARTICLES:
            continue
        folded = fold(surface)
        key = full.find(folded)
        if key is None:
            key = _registry_person(registry, surface, people)
        if key is None:
            key = "txt:" + folded
            people[key] = Entity(key, surface, "person")
        full.add(folded, key)
        mentions.append((s, e, key))
    placed = sorted(mentions)
    suffixes: dict[str, list[str]] = {}
    for key, person in people.items():
        words = fold(person.name).split()
        for i in range(len(words)):
            suffixes.setdefault(" ".join(words[i:]), []).append(key)
    # "Ange has lost the dressing room": a first name alone, for someone the text also names in full.
    firsts: dict[str, list[str]] = {}
    for key in {k for _s, _e, k in placed if k in people}:
        words = fold(people[key].name).split()
        if len(words) >= 2 and len(words[0]) >= 3:
            firsts.setdefault(words[0], []).append(key)
    firsts = {name: keys for name, keys in firsts.items() if len(keys) == 1}
    for s, e, surface in runs:
        words = surface.split()
        if len(words) >= 2 and words[0].lower() not in PARTICLES:
            continue
        folded = fold(surface)
        same = suffixes.get(folded) or firsts.get(folded)
        if not same:
            if role_before(doc, s) != "manager":
                continue
            key = "txt:" + folded
            people[key] = Entity(key, surface, "person")
            suffixes[folded] = [key]
        else:
            key = _last_before(placed, s, same)
        mentions.append((s, e, key))


def _last_before(placed: list[tuple[int, int, str]], pos: int, keys: list[str]) -> str:
    """The last of `keys` mentioned before `pos` in `placed` (sorted), else the first of `keys`."""
    for i in range(bisect_left(placed, (pos,)) - 1, -1, -1):
        if placed[i][2] in keys:
            return placed[i][2]
    return keys[0]


class _FullNames:
    """Folded full names -> entity key, with the first-added name that one run's words end, or
    that ends them, found by dictionary lookups instead of a scan of every name per run."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names: dict[str, str] = {}
        self.order: dict[str, int] = {}
        self.tails: dict[str, list[str]] = {}  # a proper word-suffix -> the names ending in it
        for name, key in names.items():
            self.add(name, key)

    def add(self, name: str, key: str) -> None:
        if name in self.names:
            return
        self.names[name] = key
        self.order[name] = len(self.order)
        for i, char in enumerate(name):
            if char == " ":
                self.tails.setdefault(name[i + 1 :], []).append(name)

    def find(self, folded: str) -> str | None:
        """The key of `folded` itself, else of the earliest name it ends ("ten hag" in "erik ten
        hag") or that ends it."""
        if folded in self.names:
            return self.names[folded]
        found = list(self.tails.get(folded, ()))
        found += [
            folded[i + 1 :] for i, char in enumerate(folded) if char == " " and folded[i + 1 :] in self.names
        ]
        return self.names[min(found, key=self.order.__getitem__)] if found else None


def _registry_person(registry: Registry | None, surface: str, people: dict[str, Entity]) -> str | None:
    """A registry person the text names with a variant spelling ("Raul Gonzalez", "van Nisterooy")."""
    if registry is None:
        return None
    person = person_named(registry, surface) or person_spelled_like(registry, surface)
    if person is None:
        return None
    if person.key not in people:
        people[person.key] = Entity(
            person.key, person.name, "person", person.key, person.role, person.club_key
        )
    return person.key


# Registry lookups are pure functions of (registry, text) and names repeat across articles, so they
# are memoised per registry object; weakly, so a registry replaced after a sacking is not kept alive.
