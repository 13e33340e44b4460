"""The registry in memory: exact alias lookups, fuzzy suggestions, managers by date, mentions in text.

Lookups go alias table first (folded, then squashed so "RealMadrid" finds "Real Madrid"), fuzzy second.
Aliases marked ambiguous ("Madrid", "City", "Raúl") still answer a direct lookup when only one entity
claims them, but never feed the mention finder, where they would fire on ordinary prose.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from rapidfuzz import fuzz, process

from bot.registry.mentions import MentionFinder, Target
from bot.registry.model import COACHING_ROLES, Club, Mention, Person, PersonRole, Tenure
from bot.registry.names import fold, fold_alias_same_length, squash

FUZZY_CUTOFF = 70.0
SUGGEST_CACHE_SIZE = 4096
# Club-name affixes that the press drops ("Arsenal FC" -> "Arsenal").
_CLUB_AFFIXES = frozenset(
    {"fc", "cf", "afc", "sc", "ac", "as", "ss", "ssc", "us", "cd", "ud", "rcd", "rc", "ca", "sv", "vfl",
     "vfb", "tsg", "fsv", "bc", "cfc", "hsc", "ogc", "sco", "osc", "calcio", "club", "de", "futbol",
     "balompie", "1", "sad"}
)  # fmt: skip
# Surnames too common to stand alone as a person's alias.
COMMON_SURNAMES = frozenset(
    {"garcia", "gonzalez", "rodriguez", "fernandez", "lopez", "martinez", "sanchez", "perez", "gomez",
     "martin", "jimenez", "ruiz", "hernandez", "diaz", "moreno", "alvarez", "romero", "navarro",
     "torres", "dominguez", "vazquez", "ramos", "gil", "serrano", "blanco", "suarez", "molina", "castro",
     "ortega", "rubio", "silva", "santos", "costa", "pereira", "ferreira", "oliveira", "sousa", "souza",
     "jesus", "carvalho", "almeida", "lima", "gomes", "ribeiro", "smith", "jones", "williams", "brown",
     "taylor", "wilson", "johnson", "davies", "evans", "thomas", "roberts", "walker", "wright", "white",
     "green", "hall", "wood", "clarke", "young", "king", "hughes", "rossi", "russo", "ferrari", "bianchi",
     "romano", "ricci", "muller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner",
     "becker", "schulz", "hoffmann", "koch", "richter", "martins", "neville", "cole", "henry", "james",
     "robinson", "murray", "stewart", "campbell", "anderson", "allen", "scott", "moore", "lee", "bernard",
     "dubois", "petit", "richard", "simon", "laurent", "lefebvre", "michel", "garnier", "moreau",
     "kovac", "inzaghi", "de boer", "koeman", "hoeness", "zidane", "neves", "pinto", "marques", "dias",
     "correia", "lucas", "rafael", "paulo", "cristian", "francisco", "diego", "rui", "frank",
     # Surnames that are also first names, common words or other famous people's names.
     "nicola", "cuesta", "werner", "robins", "neil", "andrews", "pedersen", "gray", "olsen", "porter",
     "armas", "fraser", "pareja", "varas", "jansen", "schwarz", "pineda", "joseph", "sorensen",
     "bradley", "heath", "borges", "matos", "steffen", "walter", "bauer", "tedesco", "herrlich",
     "stephan", "roy", "sage", "sarabia", "medina", "mason", "mitchell", "khan", "sullivan", "jacobs",
     "dawson", "richards", "ferdinand", "crouch", "boyd", "lorenzo", "marquez", "shakespeare", "lambert",
     "garde", "manzano", "ventura", "fournier", "johansson", "rose", "parker", "cooper", "manning",
     "lange", "harris", "mount", "cairo", "marin", "flores", "kang", "campos", "carro", "fiel", "lowe",
     "martino", "presa", "cordon", "plaza", "low"}
)  # fmt: skip


class RegistryDataError(ValueError):
    """The bundled data contradicts itself (duplicate keys, clashing aliases, unknown clubs)."""


@dataclass(frozen=True, slots=True)
class League:
    code: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()


def _club_derived(club: Club) -> set[str]:
    """Spellings implied by the names: the official and short names, minus legal affixes and years
    ("1. FC Köln" -> "Köln"). Kept as written, so the mention finder sees the original letters."""
    forms = {club.name, club.short_name}
    for base in (club.name, club.short_name):
        words = base.split()
        while len(words) > 1 and (fold(words[0]) in _CLUB_AFFIXES or fold(words[0]).isdigit()):
            words = words[1:]
        while len(words) > 1 and (fold(words[-1]) in _CLUB_AFFIXES or fold(words[-1]).isdigit()):
            words = words[:-1]
        forms.add(" ".join(words))
    return {f for f in forms if fold(f)}


# Lower-case particles that belong to a surname ("van Gaal", "De Zerbi", "ten Hag").
_SURNAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "ten", "ter", "da", "di", "del", "dos", "le", "la"}
)


def _surname(person: Person, explicit: str | None) -> tuple[str, bool] | None:
    """The surname the press uses alone ("Ancelotti", "van Gaal", "O'Neil"), as written, and whether
    it is safe to search for in text; a common one ("Rose", "Mason") still answers a direct lookup."""
    if explicit is not None:
        return (explicit, True) if fold(explicit) else None
    words = person.name.split()
    if len(words) < 2:
        return None
    start = len(words) - 1
    while start > 1 and fold(words[start - 1]) in _SURNAME_PARTICLES:
        start -= 1
    surname = " ".join(words[start:])
    letters = len(fold(surname).replace(" ", ""))
    if letters < 3:
        return None
    return surname, letters >= 4 and fold(surname) not in COMMON_SURNAMES


class _AliasIndex:
    """folded alias -> entity keys, plus the squashed forms, for one kind of entity."""

    def __init__(self) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.squashed: dict[str, set[str]] = defaultdict(set)
        self.strong: dict[str, set[str]] = defaultdict(set)
        self.explicit: dict[str, set[str]] = defaultdict(set)
        # The spellings as written ("Hoeneß"): folding one letter per letter turns "ß" into "s", not
        # "ss", so the mention finder needs these beside the folded form.
        self.written: dict[str, set[str]] = defaultdict(set)

    def add(self, alias: str, key: str, *, strong: bool, explicit: bool) -> None:
        folded = fold(alias)
        if not folded:
            return
        self.written[folded].add(alias)
        self.exact[folded].add(key)
        self.squashed[folded.replace(" ", "")].add(key)
        if strong:
            self.strong[folded].add(key)
        if explicit:
            self.explicit[folded].add(key)

    def lookup(self, text: str) -> str | None:
        folded = fold(text)
        keys = self.exact.get(folded)
        if not keys:
            keys = self.squashed.get(squash(text))
        if not keys and folded.endswith(" s"):  # a possessive: "Ancelotti's", "Madrid's"
            keys = self.exact.get(folded[:-2])
        if keys and len(keys) == 1:
            return next(iter(keys))
        return None

    def choices(self) -> tuple[list[str], list[str]]:
        """Fuzzy candidates in a fixed order (sets iterate by hash seed; ties would differ per run)."""
        names, keys = [], []
        for folded, owners in self.exact.items():
            for key in sorted(owners):
                names.append(folded)
                keys.append(key)
        return names, keys


class Registry:
    """Clubs and people, indexed for the lookups the analysis and the commands make."""

    def __init__(
        self,
        leagues: Iterable[League],
        clubs: Iterable[Club],
        people: Iterable[Person],
        *,
        ambiguous: Mapping[str, Iterable[str]] | None = None,
        surnames: Mapping[str, str] | None = None,
        version: str = "",
    ) -> None:
        """`ambiguous` maps an entity key to its aliases that may mean something else; `surnames`
        overrides the surname-only alias derived from a person's name ("" for none)."""
        self.version = version
        self._ambiguous = {key: tuple(aliases) for key, aliases in (ambiguous or {}).items()}
        self._surnames = dict(surnames or {})
        self._leagues = {league.code: league for league in leagues}
        club_map: dict[str, Club] = {}
        for club in clubs:
            if club.key in club_map:
                raise RegistryDataError(f"duplicate club key {club.key!r}")
            club_map[club.key] = club
        person_map: dict[str, Person] = {}
        for person in people:
            if person.key in person_map or person.key in club_map:
                raise RegistryDataError(f"duplicate person key {person.key!r}")
            person_map[person.key] = person
        self.clubs: Mapping[str, Club] = MappingProxyType(club_map)
        self.people: Mapping[str, Person] = MappingProxyType(person_map)
        weak = {key: {fold(a) for a in aliases} for key, aliases in (ambiguous or {}).items()}
        self._check_references(weak)
        self._club_index = self._index_clubs(weak)
        self._person_index = self._index_people(weak, surnames or {})
        self._check_collisions(weak)
        self._by_club = self._index_tenures()
        self._finder = MentionFinder(self._mention_targets())
        self._club_choices = self._club_index.choices()
        self._person_choices = self._person_index.choices()
        self._suggest_cache: dict[tuple[str, str, int], list[str]] = {}

    # ---- construction -------------------------------------------------------------------------

    def _check_references(self, weak: Mapping[str, set[str]]) -> None:
        for club in self.clubs.values():
            if club.league not in self._leagues:
                raise RegistryDataError(f"club {club.key!r} is in unknown league {club.league!r}")
        for person in self.people.values():
            if person.club_key is not None and person.club_key not in self.clubs:
                raise RegistryDataError(f"{person.key!r} is affiliated to unknown club {person.club_key!r}")
            for tenure in person.tenures:
                if tenure.club_key not in self.clubs:
                    raise RegistryDataError(
                        f"{person.key!r} has a tenure at unknown club {tenure.club_key!r}"
                    )
                if tenure.started_on and tenure.ended_on and tenure.ended_on < tenure.started_on:
                    raise RegistryDataError(
                        f"{person.key!r} tenure at {tenure.club_key!r} ends before it starts"
                    )
        for key, aliases in weak.items():
            if key not in self.clubs and key not in self.people:
                raise RegistryDataError(f"ambiguous aliases given for unknown entity {key!r}")
            known = set(self._declared_aliases(key))
            if not aliases <= known:
                raise RegistryDataError(
                    f"{key!r} marks {sorted(aliases - known)} ambiguous but never lists them"
                )

    def _declared_aliases(self, key: str) -> list[str]:
        entity: Club | Person = self.clubs[key] if key in self.clubs else self.people[key]
        return [fold(a) for a in entity.aliases]

    def _index_clubs(self, weak: Mapping[str, set[str]]) -> _AliasIndex:
        index = _AliasIndex()
        explicit_owner: dict[str, set[str]] = defaultdict(set)
        for club in self.clubs.values():
            for alias in club.aliases:
                explicit_owner[fold(alias)].add(club.key)
        for club in self.clubs.values():
            club_weak = weak.get(club.key, set())
            for alias in club.aliases:
                index.add(alias, club.key, strong=fold(alias) not in club_weak, explicit=True)
            declared = {fold(a) for a in club.aliases}
            for derived in _club_derived(club):
                folded = fold(derived)
                if folded in declared or explicit_owner.get(folded, {club.key}) != {club.key}:
                    continue  # declared on purpose, here or by another club
                index.add(derived, club.key, strong=folded not in club_weak, explicit=False)
        self._drop_derived_clashes(index)
        return index

    def _index_people(self, weak: Mapping[str, set[str]], surnames: Mapping[str, str]) -> _AliasIndex:
        index = _AliasIndex()
        explicit_owner: dict[str, set[str]] = defaultdict(set)
        for person in self.people.values():
            for alias in (person.name, *person.aliases):
                explicit_owner[fold(alias)].add(person.key)
        for person in self.people.values():
            person_weak = weak.get(person.key, set())
            for alias in (person.name, *person.aliases):
                index.add(alias, person.key, strong=fold(alias) not in person_weak, explicit=True)
            derived = _surname(person, surnames.get(person.key))
            if derived is None:
                continue
            surname, safe = derived
            folded = fold(surname)
            if explicit_owner.get(folded, {person.key}) == {person.key}:
                index.add(surname, person.key, strong=safe and folded not in person_weak, explicit=False)
        self._drop_derived_clashes(index)
        return index

    @staticmethod
    def _drop_derived_clashes(index: _AliasIndex) -> None:
        """A derived spelling two entities share (two "Simeone"s) is nobody's: drop it everywhere."""
        for folded, owners in list(index.exact.items()):
            if len(owners) > 1 and not index.explicit.get(folded):
                del index.exact[folded]
                index.strong.pop(folded, None)

    def _check_collisions(self, weak: Mapping[str, set[str]]) -> None:
        for index in (self._club_index, self._person_index):
            for folded, owners in index.strong.items():
                if len(owners) > 1:
                    raise RegistryDataError(
                        f"alias {folded!r} is claimed by {sorted(owners)}: mark it ambiguous or remove it"
                    )
                clash = index.exact[folded] - owners
                if clash:
                    raise RegistryDataError(
                        f"alias {folded!r} is certain for {sorted(owners)} but ambiguous for {sorted(clash)}"
                    )

    def _index_tenures(self) -> dict[str, list[tuple[Tenure, Person]]]:
        by_club: dict[str, list[tuple[Tenure, Person]]] = defaultdict(list)
        for person in self.people.values():
            for tenure in person.tenures:
                if tenure.role in COACHING_ROLES:
                    by_club[tenure.club_key].append((tenure, person))
        for spells in by_club.values():
            spells.sort(key=lambda pair: pair[0].started_on or date.min)
        return dict(by_club)

    def _mention_targets(self) -> dict[str, Target]:
        targets: dict[str, Target] = {}
        clashes: set[str] = set()
        kinds: tuple[tuple[Literal["club", "person"], _AliasIndex], ...] = (
            ("club", self._club_index),
            ("person", self._person_index),
        )
        for kind, index in kinds:
            for folded, owners in index.strong.items():
                if len(owners) != 1 or len(index.exact.get(folded, ())) != 1:
                    continue
                key = next(iter(owners))
                spelled = {fold_alias_same_length(folded)}
                spelled |= {fold_alias_same_length(w) for w in index.written.get(folded, ())}
                variants = set(spelled)
                for surface in spelled:
                    joined = surface.replace(" ", "")
                    if " " in surface and len(joined) >= 6:
                        variants.add(joined)
                for variant in variants:
                    if variant in targets and targets[variant] != (kind, key):
                        clashes.add(variant)
                    targets[variant] = (kind, key)
        for variant in clashes:
            del targets[variant]
        return targets

    # ---- queries --------------------------------------------------------------------------------

    def league_name(self, code: str) -> str:
        league = self._leagues.get(code)
        return league.name if league else code

    def leagues(self) -> list[League]:
        return list(self._leagues.values())

    def clubs_in(self, league: str) -> list[Club]:
        return sorted((c for c in self.clubs.values() if c.league == league), key=lambda c: fold(c.name))

    def club_by_name(self, text: str) -> Club | None:
        key = self._club_index.lookup(text)
        return self.clubs[key] if key else None

    def person_by_name(self, text: str) -> Person | None:
        key = self._person_index.lookup(text)
        return self.people[key] if key else None

    def _cached_suggest(self, kind: str, text: str, limit: int) -> list[str]:
        """Suggestions are asked again and again for the same unknown names: keep the answers."""
        cache_key = (kind, text, limit)
        found = self._suggest_cache.get(cache_key)
        if found is None:
            index, choices = (
                (self._club_index, self._club_choices)
                if kind == "club"
                else (self._person_index, self._person_choices)
            )
            found = self._suggest(text, index, choices, limit)
            if len(self._suggest_cache) >= SUGGEST_CACHE_SIZE:
                self._suggest_cache.clear()
            self._suggest_cache[cache_key] = found
        return found

    def suggest_clubs(self, text: str, limit: int = 5, league: str | None = None) -> list[Club]:
        keys = self._cached_suggest("club", text, limit * 4)
        clubs = [self.clubs[k] for k in keys]
        if league is not None:
            clubs = [c for c in clubs if c.league == league]
        return clubs[:limit]

    def suggest_people(self, text: str, limit: int = 5, role: PersonRole | None = None) -> list[Person]:
        keys = self._cached_suggest("person", text, limit * 4)
        people = [self.people[k] for k in keys]
        if role is not None:
            people = [p for p in people if p.role == role]
        return people[:limit]

    @staticmethod
    def _suggest(
        text: str, index: _AliasIndex, choices: tuple[list[str], list[str]], limit: int
    ) -> list[str]:
        """Exact alias owners first, then fuzzy matches over every folded alias, best score per entity."""
        query = fold(text)
        if not query:
            return []
        ranked: list[str] = sorted(index.exact.get(query, ())) + sorted(index.squashed.get(squash(text), ()))
        names, keys = choices
        # Choices are folded once at build time, so the query is folded here and processor=None.
        # QRatio (whole-string similarity) is ~20x cheaper than WRatio and fits typo'd names; the
        # analysis asks this for unknown names in every article, so speed matters.
        hits = process.extract(
            query, names, scorer=fuzz.QRatio, processor=None, score_cutoff=FUZZY_CUTOFF, limit=limit * 3
        )
        best: dict[str, float] = {}
        for _name, score, position in hits:
            key = keys[position]
            best[key] = max(best.get(key, 0.0), float(score))
        ranked += sorted(best, key=lambda k: -best[k])
        seen: dict[str, None] = {}
        for key in ranked:
            seen.setdefault(key, None)
        return list(seen)[:limit]

    def manager_of(self, club_key: str, on: date | None = None) -> Person | None:
        """Who picked the team at `club_key` on `on` (today's open spell when `on` is None)."""
        spells = self._by_club.get(club_key, [])
        for tenure, person in reversed(spells):
            if (on is None and tenure.ended_on is None) or (on is not None and tenure.active_on(on)):
                return person
        return None

    def coaches_on(self, club_key: str, on: date) -> list[Person]:
        """Everyone whose coaching spell at the club covers `on`, latest start first: on the day of a
        sacking that is the outgoing manager and his successor, which `manager_of` cannot both give."""
        spells = self._by_club.get(club_key, [])
        return [person for tenure, person in reversed(spells) if tenure.active_on(on)]

    def find_mentions(self, text: str) -> list[Mention]:
        """Every unambiguous club or person alias in `text`, in order, with offsets into `text`."""
        return self._finder.find(text)

    def mention_aliases(self) -> tuple[str, ...]:
        """The folded spellings `find_mentions` looks for (unambiguous aliases and their joined forms)."""
        return self._finder.aliases

    def alias_rows(self) -> list[tuple[str, str, str]]:
        """(folded alias, kind, key) for every alias lookups accept, for the store's alias table."""
        rows = [(a, "club", k) for a, keys in self._club_index.exact.items() for k in keys]
        rows += [(a, "person", k) for a, keys in self._person_index.exact.items() for k in keys]
        return rows

    def with_people(self, people: Iterable[Person]) -> Registry:
        """A new registry with people learned at run time added, their names indexed like the
        bundle's (lookups and the mention finder know them). A full rebuild (about 0.1 s for the
        bundle), so callers run it off the event loop; RegistryDataError when a name clashes."""
        return Registry(
            self._leagues.values(),
            self.clubs.values(),
            [*self.people.values(), *people],
            ambiguous=self._ambiguous,
            surnames=self._surnames,
            version=self.version,
        )

    def with_ended_tenures(
        self, ended: Mapping[tuple[str, str, str], date], added: Mapping[str, Sequence[Tenure]] | None = None
    ) -> Registry:
        """A copy where the open spells keyed (person, club, role) end on the given dates, and the
        people in `added` gain the spells the store learned (live data, news, admin).

        Shares every index (tenures do not affect names), so it is cheap to rebuild after a sacking.
        """
        copy = object.__new__(Registry)
        for slot in vars(self):
            setattr(copy, slot, getattr(self, slot))
        people = dict(self.people)
        for (person_key, club_key, role), day in ended.items():
            person = people.get(person_key)
            if person is None:
                continue
            tenures = tuple(
                dataclasses.replace(t, ended_on=day)
                if t.club_key == club_key and t.role == role and t.ended_on is None
                else t
                for t in person.tenures
            )
            people[person_key] = dataclasses.replace(person, tenures=tenures)
        for person_key, spells in (added or {}).items():
            person = people.get(person_key)
            if person is None:
                continue
            known = {(t.club_key, t.role, t.started_on) for t in spells}
            kept = [t for t in person.tenures if (t.club_key, t.role, t.started_on) not in known]
            merged = sorted([*kept, *spells], key=lambda t: t.started_on or date.min)
            people[person_key] = dataclasses.replace(person, tenures=tuple(merged))
        copy.people = MappingProxyType(people)
        copy._by_club = copy._index_tenures()
        return copy
