"""Delivery problems are stored as templates, so /digest status reads in each admin's language."""

from __future__ import annotations

from bot.digest import DeliveryError
from bot.digest.problems import Problem
from bot.i18n import texts


def test_a_problem_round_trips_and_reads_in_english_and_german() -> None:
    error = DeliveryError(
        "channel <#{channel}> no longer exists: choose another one", True, values={"channel": "42"}
    )
    assert error.reason == "channel <#42> no longer exists: choose another one"
    problem = Problem("alerts: {reason}", reason=error.problem)
    stored = Problem.decode(problem.encode())
    assert stored == problem
    assert stored.text() == "alerts: channel <#42> no longer exists: choose another one"
    assert stored.text(texts("de")) == "Alarme: der Kanal <#42> existiert nicht mehr: wähle einen anderen"


def test_text_stored_before_templates_is_shown_as_it_is() -> None:
    legacy = Problem.decode("alerts: something {odd} happened")
    assert legacy is not None
    assert legacy.text() == "alerts: something {odd} happened"
    assert legacy.text(texts("fr")) == "alerts: something {odd} happened"
    assert Problem.decode(None) is None and Problem.decode("") is None
    assert Problem.decode('["not", "a problem"]') == Problem('["not", "a problem"]')
