"""With a registry, names come out canonical and roles come from it; without one, from the text."""

from __future__ import annotations

from datetime import date, datetime

from bot.analysis import analyze
from bot.registry.model import Club, Person, Tenure
from bot.registry.registry import League, Registry
from tests.analysis.test_reference import PARAPHRASE

SMALL = Registry(
    [League("es.1", "La Liga", "Spain")],
    [
        Club("real-madrid", "Real Madrid CF", "Real Madrid", "es.1", "Spain", ("Los Blancos",)),
        Club("barcelona", "FC Barcelona", "Barcelona", "es.1", "Spain", ("Barça",)),
    ],
    [
        Person(
            "carlo-ancelotti",
            "Carlo Ancelotti",
            "manager",
            tenures=(Tenure("real-madrid", "manager", date(2021, 6, 1), None),),
        ),
        Person("santiago-solari", "Santiago Solari", "candidate", ("Santi Solari",), club_key="real-madrid"),
        Person(
            "florentino-perez", "Florentino Pérez", "executive", ("Florentino Perez",), club_key="real-madrid"
        ),
    ],
)


def test_canonical_names_from_the_registry_and_text_names_as_written() -> None:
    finding = analyze(PARAPHRASE, registry=SMALL, published=datetime(2024, 11, 7))
    assert (finding.manager, finding.manager_key) == ("Carlo Ancelotti", "carlo-ancelotti")
    assert (finding.club, finding.club_key) == ("Real Madrid", "real-madrid")
    tips = {tip.name: tip.key for tip in finding.successors}
    assert tips == {"Santiago Solari": "santiago-solari", "Raul Gonzalez": None}
    assert finding.gap_claims[0].team_key == "real-madrid"
    assert finding.gap_claims[0].other_key == "barcelona"


def test_an_executive_is_never_the_manager_or_a_tip() -> None:
    text = (
        "Real Madrid president Florentino Perez is under pressure from supporters, and Perez will decide "
        "whether manager Carlo Ancelotti stays. Ancelotti faces the sack if Real Madrid lose again."
    )
    finding = analyze(text, registry=SMALL)
    assert finding.manager == "Carlo Ancelotti"
    assert all("Perez" not in tip.name and "Pérez" not in tip.name for tip in finding.successors)


def test_default_registry_is_the_bundled_one() -> None:
    # Only a registry gives a canonical key; the bundled one knows Ancelotti, an empty one does not.
    assert analyze(PARAPHRASE).manager_key == "carlo-ancelotti"
    assert analyze(PARAPHRASE, registry=Registry([], [], [])).manager_key is None


def test_without_registry_data_the_text_still_speaks() -> None:
    finding = analyze(PARAPHRASE, registry=Registry([], [], []))
    assert finding.pressure and finding.level == 2
    assert finding.manager == "Carlo Ancelotti"
    assert finding.club == "Real Madrid"
