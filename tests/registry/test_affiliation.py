"""The one answer to "who manages whom" (bot/registry/affiliation.py) on the bundled registry."""

from __future__ import annotations

from datetime import date

import pytest

from bot.registry.affiliation import affiliation, manager_of
from bot.registry.loader import load_registry
from bot.registry.registry import Registry
from bot.rumours.people import current_club, subject


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_the_spell_open_on_the_day_asked_wins(registry: Registry) -> None:
    ancelotti = registry.people["carlo-ancelotti"]
    then = affiliation(registry, ancelotti, date(2025, 3, 10))
    assert then.club is not None and then.club.key == "real-madrid"
    assert then.since == date(2021, 6, 1)
    later = affiliation(registry, ancelotti, date(2026, 12, 4))
    assert later.club is not None and later.club.key == "brazil"
    assert later.describe() == "Brazil since 2025-05-26"


def test_a_man_out_of_work_is_no_club_with_his_last_spell(registry: Registry) -> None:
    ten_hag = affiliation(registry, registry.people["erik-ten-hag"], date(2026, 12, 4))
    assert ten_hag.club is None
    assert ten_hag.describe() == "no club (last: Leverkusen, until 2025-09-01)"


def test_a_confirmed_sacking_ends_the_answer_the_next_day(registry: Registry) -> None:
    sacked = registry.with_ended_tenures({("hansi-flick", "barcelona", "manager"): date(2025, 3, 10)})
    flick = sacked.people["hansi-flick"]
    assert affiliation(sacked, flick, date(2025, 3, 10)).club is not None  # his last day
    after = affiliation(sacked, flick, date(2025, 3, 11))
    assert after.club is None and after.last is not None and after.last.key == "barcelona"
    assert after.until == date(2025, 3, 10)
    assert manager_of(sacked, "barcelona", date(2025, 3, 11)) is None
    assert manager_of(registry, "barcelona", date(2025, 3, 11)) is registry.people["hansi-flick"]


def test_a_declared_club_never_overrides_the_tenures(registry: Registry) -> None:
    """Solari is declared at Real Madrid (a director there) but coaches nowhere: every lookup agrees."""
    solari = registry.people["santiago-solari"]
    assert solari.club_key == "real-madrid"
    assert affiliation(registry, solari, date(2026, 12, 4)).club is None
    assert current_club(registry, solari, date(2026, 12, 4)) is None
    found = subject(registry, "Santiago Solari", "santiago-solari", None, None, date(2026, 12, 4))
    assert found is not None and found.club_key is None
    found = subject(registry, "Carlo Ancelotti", None, None, None, date(2026, 12, 4))
    assert found is not None and found.club_key == "brazil"
