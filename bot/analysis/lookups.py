"""Registry look-ups by name, memoised per registry: names repeat across articles, and a lookup is a
pure function of (registry, text); weakly, so a registry replaced after a sacking is not kept alive."""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary, ref

from rapidfuzz import fuzz

from bot.analysis.names import looks_like_person, shouted
from bot.analysis.text import fold
from bot.registry.model import Club, Person
from bot.registry.registry import Registry


class _Table(dict[tuple[str, str], Person | Club | bool | None]):
    """One registry's memo (a dict subclass, so that it can be referred to weakly)."""


_MEMO: WeakKeyDictionary[Registry, _Table] = WeakKeyDictionary()
_MEMO_LIMIT = 20_000
# The registry used last and its memo, both weakly: a WeakKeyDictionary lookup per name costs more
# than the lookup it saves, and nearly every call is for the same registry.
_LAST: tuple[Callable[[], Registry | None], Callable[[], _Table | None]] = (lambda: None, lambda: None)


def _table(registry: Registry) -> _Table:
    global _LAST
    last_registry, last_table = _LAST
    table = last_table()
    if table is not None and last_registry() is registry:
        return table
    table = _MEMO.get(registry)
    if table is None:
        table = _MEMO[registry] = _Table()
    _LAST = (ref(registry), ref(table))
    return table


def _memo(
    registry: Registry, kind: str, surface: str, compute: Callable[[], Person | Club | bool | None]
) -> object:
    table = _table(registry)
    key = (kind, surface)
    if key not in table:
        if len(table) >= _MEMO_LIMIT:
            table.clear()
        table[key] = compute()
    return table[key]


def run_kind(registry: Registry | None, surface: str) -> bool | Club:
    """What a capitalised run is, by its words alone: False when it cannot be a person (an
    organisation, an outlet, a shout: maybe a club), a registry club when it is a club's alias and
    no person's name, else True (a person, if the context agrees). One memo lookup per run."""
    if registry is None:
        return looks_like_person(surface) and not shouted(surface)

    def compute() -> bool | Club:
        if not looks_like_person(surface) or shouted(surface):
            return False
        if len(surface) <= 30 and person_named(registry, surface) is None:
            return club_named(registry, surface) or True
        return True

    found = _memo(registry, "run", surface, compute)
    return found if isinstance(found, (bool, Club)) else True


def person_named(registry: Registry, surface: str) -> Person | None:
    found = _memo(registry, "person", surface, lambda: registry.person_by_name(surface))
    return found if isinstance(found, Person) else None


def club_named(registry: Registry, surface: str) -> Club | None:
    found = _memo(registry, "club", surface, lambda: registry.club_by_name(surface))
    return found if isinstance(found, Club) else None


def person_spelled_like(registry: Registry, surface: str) -> Person | None:
    """Fuzzy, for variant spellings: same initial and a close overall spelling ("van Nisterooy")."""

    def compute() -> Person | None:
        wanted = fold(surface)
        for candidate in registry.suggest_people(surface, limit=1):
            name = fold(candidate.name)
            if name[:1] == wanted[:1] and fuzz.ratio(name, wanted) >= 88:
                return candidate
        return None

    found = _memo(registry, "fuzzy", surface, compute)
    return found if isinstance(found, Person) else None
