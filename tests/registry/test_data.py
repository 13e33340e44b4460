"""The bundled data agrees with itself: the invariants the lookups and the analysis rely on."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from bot.registry.loader import load_registry
from bot.registry.model import COACHING_ROLES
from bot.registry.registry import Registry

FULL_LEAGUES = ("en.1", "es.1", "it.1", "de.1", "fr.1", "en.2", "sc.1", "us.1")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


# Jobs the data knows to be open (the last coach left, the successor is not known to the data).
KNOWN_VACANCIES = {"newcastle-united", "marseille", "hearts"}


def test_every_club_of_the_main_leagues_has_a_current_head_coach(registry: Registry) -> None:
    clubs = [c for code in FULL_LEAGUES for c in registry.clubs_in(code)]
    missing = {c.key for c in clubs if registry.manager_of(c.key) is None}
    assert missing == KNOWN_VACANCIES


def test_no_club_has_two_open_coaching_spells(registry: Registry) -> None:
    open_spells = Counter(
        t.club_key
        for p in registry.people.values()
        for t in p.tenures
        if t.role in COACHING_ROLES and t.ended_on is None
    )
    assert [club for club, count in open_spells.items() if count > 1] == []


def test_role_manager_means_coaching_now(registry: Registry) -> None:
    for person in registry.people.values():
        coaching = any(t.role in COACHING_ROLES and t.ended_on is None for t in person.tenures)
        assert (person.role == "manager") == coaching, person.key


def test_executives_have_a_title_and_never_coach(registry: Registry) -> None:
    for person in registry.people.values():
        if person.role == "executive":
            assert person.title, person.key
            assert not person.tippable


def test_tenures_of_a_person_do_not_overlap_at_one_club(registry: Registry) -> None:
    for person in registry.people.values():
        spells = sorted(
            (t for t in person.tenures if t.role in COACHING_ROLES and t.started_on),
            key=lambda t: (t.club_key, t.started_on),
        )
        for before, after in pairwise(spells):
            if before.club_key == after.club_key and before.ended_on and after.started_on:
                assert before.ended_on <= after.started_on, person.key


def test_version_is_stable_for_the_same_files(registry: Registry) -> None:
    assert registry.version == load_registry().version
    assert len(registry.version) == 16
