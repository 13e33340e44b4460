"""Properties over arbitrary text: lookups and the mention finder never raise and stay consistent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.registry.loader import load_registry
from bot.registry.names import fold_alias_same_length

REGISTRY = load_registry()
NAMES = [c.short_name for c in list(REGISTRY.clubs.values())[:60]] + [
    p.name for p in list(REGISTRY.people.values())[:60]
]
prose = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(NAMES)), max_size=12).map(" ".join)


@given(prose)
@settings(max_examples=150, deadline=None)
def test_mentions_point_at_what_they_say(text: str) -> None:
    found = REGISTRY.find_mentions(text)
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    for mention in found:
        assert text[mention.start : mention.end] == mention.surface
        assert fold_alias_same_length(mention.surface).replace(" ", "") in {
            alias.replace(" ", "") for alias in REGISTRY.mention_aliases()
        }
        entity = REGISTRY.clubs if mention.kind == "club" else REGISTRY.people
        assert mention.key in entity


@given(st.text(max_size=60))
@settings(max_examples=150, deadline=None)
def test_lookups_never_raise(text: str) -> None:
    REGISTRY.club_by_name(text)
    REGISTRY.person_by_name(text)
    assert len(REGISTRY.suggest_clubs(text, limit=3)) <= 3
    assert len(REGISTRY.suggest_people(text, limit=3)) <= 3
