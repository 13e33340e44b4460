"""Every hand-written article in `articles.py` reads the way a football journalist would read it."""

from __future__ import annotations

import unicodedata

import pytest

from bot.analysis import Finding, analyze
from tests.analysis.articles import CASES, Case


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _has_surname(names: list[str], surname: str) -> bool:
    return any(_fold(name).endswith(_fold(surname)) for name in names)


def _same_club(got: str | None, want: str) -> bool:
    return got is not None and (_fold(want) in _fold(got) or _fold(got) in _fold(want))


@pytest.fixture(params=CASES, ids=[c.id for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def finding(case: Case) -> Finding:
    return analyze(case.text, title=case.title, published=case.published)


def test_pressure_and_level(case: Case, finding: Finding) -> None:
    assert (finding.pressure, finding.level) == (case.pressure, case.level), finding.evidence


def test_manager_and_club(case: Case, finding: Finding) -> None:
    if case.manager is None:
        assert finding.manager is None
        return
    assert finding.manager is not None and _has_surname([finding.manager], case.manager)
    assert case.club is not None and _same_club(finding.club, case.club)


def test_successors(case: Case, finding: Finding) -> None:
    names = [s.name for s in finding.successors]
    assert len(names) == len(case.successors), names
    for surname in case.successors:
        assert _has_surname(names, surname), names
    for surname in case.not_successors:
        assert not _has_surname(names, surname), names
    for tip in finding.successors:
        assert tip.evidence and _fold(tip.name.split()[-1]) in _fold(tip.evidence)


def test_gap_claims(case: Case, finding: Finding) -> None:
    got = [(g.team, g.other, g.points, g.games_in_hand) for g in finding.gap_claims]
    assert len(got) == len(case.gaps), got
    for team, other, points, hand in case.gaps:
        assert any(
            _same_club(t, team) and _same_club(o, other) and p == points and h == hand for t, o, p, h in got
        ), got


def test_sources(case: Case, finding: Finding) -> None:
    assert list(finding.sources) == list(case.sources if case.pressure else ())
