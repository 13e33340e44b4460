"""A manager or club is never a competition, outlet, organisation, shouted headline word or
headline adjective (sentences written here, read through `analyze`)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.analysis.engine import analyze
from bot.analysis.models import Finding

_DAY = datetime(2026, 11, 20, tzinfo=UTC)


def _read(text: str, title: str | None = None) -> Finding:
    return analyze(text, title=title, published=_DAY, lang="en")


@pytest.mark.parametrize(
    ("title", "text", "not_a_name"),
    [
        (
            "The Trust Project",
            "Manager Marco Silva is under pressure at Fulham after a poor run. "
            "The Trust Project is an international consortium of news organisations.",
            "Trust Project",
        ),
        (None, "Premier League boss Marco Silva is under pressure after a poor run.", "Premier League"),
        (None, "Championship manager Marco Silva is under pressure after a poor run.", "Championship"),
        (None, "Under-fire boss Marco Silva is under pressure at Fulham.", "Under-fire"),
        (None, "NEIL has been sacked by Cardiff City after a poor run of results.", "NEIL"),
        (None, "Dortmund have sacked their head coach after a poor run in the Bundesliga.", "Dortmund"),
    ],
)
def test_non_person_names_are_never_manager_or_club(title: str | None, text: str, not_a_name: str) -> None:
    finding = _read(text, title)
    assert finding.manager != not_a_name
    assert finding.club != not_a_name


def test_a_club_named_before_a_role_word_stays_a_club() -> None:
    finding = _read("Hertha Berlin fire coach Pal Dardai after a poor run.")
    assert finding.level == 3
    assert finding.club is not None and finding.club.startswith("Hertha")


def test_a_person_named_by_a_role_stays_a_person() -> None:
    finding = _read("Fulham manager Marco Silva is under pressure after a poor run.")
    assert finding.manager == "Marco Silva"
    assert finding.club == "Fulham"
