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


RETIRED = Registry(
    [League("en.1", "Premier League", "England")],
    [
        Club(
            "west-brom", "West Bromwich Albion FC", "West Brom", "en.1", "England", ("West Bromwich Albion",)
        ),
        Club("everton", "Everton FC", "Everton", "en.1", "England"),
    ],
    [
        Person(
            "alan-pardew",
            "Alan Pardew",
            "other",  # the registry speaks of today: a pundit now
            tenures=(Tenure("west-brom", "manager", date(2017, 11, 29), date(2018, 4, 2)),),
        ),
        Person("gary-neville", "Gary Neville", "other"),
        Person("sean-dyche", "Sean Dyche", "manager", club_key="everton"),
    ],
)


def test_an_old_article_that_calls_him_the_manager_overrules_the_registry_of_today() -> None:
    text = (
        "West Brom manager Alan Pardew has been sacked after a run of one win in 18 league games. "
        "Pardew leaves the club bottom of the Premier League."
    )
    finding = analyze(text, title="West Brom sack Alan Pardew", registry=RETIRED, lang="en")
    assert (finding.level, finding.manager, finding.club) == (3, "Alan Pardew", "West Bromwich Albion")


def test_a_pundit_the_registry_lists_as_other_is_still_not_the_manager() -> None:
    text = (
        "Pundit Gary Neville said Everton manager Sean Dyche is under pressure after the defeat. "
        "Neville added that the board must act."
    )
    finding = analyze(text, registry=RETIRED, lang="en")
    assert finding.manager == "Sean Dyche"
    text = (
        "Gary Neville says Everton's manager is under pressure after the defeat. "
        "Neville thinks the board will hold crisis talks this week."
    )
    assert analyze(text, registry=RETIRED, lang="en").manager != "Gary Neville"
