"""Every pack's `[[appointment_example]]` entries read as they say, and every appointment phrase is
pinned twice: a sentence where it states an appointment, and a near miss where the phrase itself
matches but the words around it (a modal, a condition, a question, a denial, a past) make it none.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from bot.analysis import analyze
from bot.analysis.appointments import candidates, not_stated, read_appointments
from bot.analysis.engine import read_article
from bot.analysis.packs import PackError, available, load_pack, parse_pack
from bot.analysis.packs.appointments import AppointmentExample
from bot.analysis.text import make_doc
from bot.registry.loader import load_registry

REGISTRY = load_registry()
LINEAR_BOUND_S = 3.0  # as tests/analysis/test_pack_linear_time.py: linear code reads these far faster
CASES = [
    pytest.param(lang, example, id=f"{lang}-{i + 1}")
    for lang in available()
    for i, example in enumerate(load_pack(lang).appointment_examples)
]


@pytest.mark.parametrize(("lang", "example"), CASES)
def test_appointment_example(lang: str, example: AppointmentExample) -> None:
    got = analyze(example.text, lang=lang, registry=REGISTRY)
    why = "\n".join(got.explain)
    if example.person is None:
        assert got.appointments == (), why
        return
    found = [a for a in got.appointments if a.person == example.person]
    assert found, why
    appointment = found[0]
    if example.club is not None:
        club = REGISTRY.club_by_name(example.club)
        assert club is not None and appointment.club_key == club.key, why
    assert appointment.role == (example.role or "manager"), why
    if example.statement is not None:
        assert appointment.club_statement == example.statement, why


def _fired(lang: str, text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(rule id, phrase) pairs that matched and stated an appointment / matched and were judged none."""
    pack = load_pack(lang)
    doc = make_doc(text)
    stated, refused = set(), set()
    for cand in candidates(pack, doc, REGISTRY):
        pair = (cand.rule.id, cand.phrase.source)
        if not_stated(pack, doc, cand, 2026) is None:
            stated.add(pair)
        else:
            refused.add(pair)
    return stated, refused


@pytest.mark.parametrize("lang", available())
def test_every_phrase_has_a_positive_and_a_near_miss(lang: str) -> None:
    pack = load_pack(lang)
    phrases = {(rule.id, phrase.source) for rule in pack.appointments for phrase in rule.phrases}
    assert phrases, f"{lang}.toml has no [[appointment]] phrases"
    positive: set[tuple[str, str]] = set()
    near_miss: set[tuple[str, str]] = set()
    for example in pack.appointment_examples:
        stated, refused = _fired(lang, example.text)
        if example.person is not None:
            positive |= stated
        else:
            near_miss |= refused | stated
    assert phrases - positive == set(), "phrases no positive example states"
    assert phrases - near_miss == set(), "phrases no negative example comes near"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Xabi Alonso could be appointed head coach of Chelsea.", "modality"),
        ("Chelsea want to appoint Xabi Alonso as their new manager.", "no phrase"),
        ("Xabi Alonso has been linked with Chelsea.", "no phrase"),
        ("Xabi Alonso is the favourite to be named Chelsea's new manager.", "no phrase"),
        ("Xabi Alonso is the favourite to be appointed head coach of Chelsea.", "modality"),
        ("Have Chelsea appointed Xabi Alonso as their new manager?", "question"),
        ("Chelsea denied they have appointed Xabi Alonso as their new manager.", "no phrase"),
        ("Chelsea have denied reports Xabi Alonso has been appointed head coach of Chelsea.", "denial"),
        ("Xabi Alonso has not been appointed head coach of Chelsea.", "negation"),
        ("In 2019 Xabi Alonso was appointed head coach of Chelsea.", "history year"),
    ],
)
def test_reports_and_wishes_are_no_appointments(text: str, why: str) -> None:
    published = datetime(2026, 12, 1, tzinfo=UTC)
    assert analyze(text, lang="en", registry=REGISTRY, published=published).appointments == (), why


def test_appointment_names_registry_keys_and_the_clubs_announcement() -> None:
    got = analyze(
        "Chelsea have announced the appointment of Xabi Alonso as their new head coach.",
        lang="en",
        registry=REGISTRY,
    ).appointments
    assert [(a.person_key, a.club_key, a.role, a.club_statement) for a in got] == [
        ("xabi-alonso", "chelsea", "manager", True)
    ]


def test_an_interim_without_a_club_stands_in_at_the_sacking_club() -> None:
    doc = make_doc("Calum McFarlane will take interim charge of the team.")
    got = read_appointments(load_pack("en"), doc, REGISTRY, None, "Chelsea", "chelsea")
    assert [(a.person, a.club_key, a.role) for a in got] == [("Calum McFarlane", "chelsea", "interim")]
    # With no sacking to stand in at, an interim phrase names no club: nothing is read.
    assert read_appointments(load_pack("en"), doc, REGISTRY, None) == ()


def test_a_club_read_where_the_man_should_be_is_no_appointment() -> None:
    doc = make_doc("Arsenal have appointed Real Madrid as their new manager.")
    assert read_appointments(load_pack("en"), doc, REGISTRY, None) == ()


def test_appointment_appears_in_explain_but_not_in_the_json_contract() -> None:
    got = analyze("Xabi Alonso has been appointed head coach of Chelsea.", lang="en", registry=REGISTRY)
    assert any(line.startswith("appointment appointed: Xabi Alonso") for line in got.explain)
    assert "appointments" not in got.to_json()


BASE = '[pack]\nlang = "xx"\nname = "Test"\nschema = 1\n[lists]\nrole = ["coach"]\n'


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('[[appointment]]\nid = "a"\nphrases = ["{club} names a {role}"]', "{person} once"),
        ('[[appointment]]\nid = "a"\nphrases = ["{person} {club} coach"]', "words between them"),
        ('[[appointment]]\nid = "a"\nrole = "boss"\nphrases = ["{person} coach"]', "role must be one of"),
        ('[[appointment]]\nid = "a"\nphrases = ["{person} ~2 coach"]', "gap"),
        ('[[appointment]]\nid = "a"\nphrases = ["{person} (coach"]', "missing"),
        ('[[appointment_example]]\nperson = "X"', "needs text"),
    ],
)
def test_a_broken_appointment_section_names_what_to_fix(section: str, message: str) -> None:
    with pytest.raises(PackError, match="appointment") as raised:
        parse_pack(BASE + section, "xx.toml", "xx")
    assert message in str(raised.value)


@pytest.mark.parametrize("lang", available())
def test_appointment_reading_stays_linear_on_its_own_words(lang: str) -> None:
    """Every appointment example glued into one unpunctuated sentence many times over, and a long run
    of capitalised names around an anchor: read well within the bound a backtracking pattern blows."""
    pack = load_pack(lang)
    body = " ".join(e.text.rstrip(".!?") for e in pack.appointment_examples).replace(".", " ")
    names = "Xabi Alonso de la Real " * 1500 + "appointed head coach of " + "Chelsea Real Madrid " * 1500
    for text in ((body + " , ") * 40, names):
        started = time.perf_counter()
        read_article(text, text[:300], None, REGISTRY, lang)
        assert time.perf_counter() - started < LINEAR_BOUND_S
