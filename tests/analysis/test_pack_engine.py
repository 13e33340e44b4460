"""Engine rules the packs asked for (PACK_REQUESTS.md), driven by a small pack written here (our own
sentences, French/Italian-like), so each rule is checked whatever the shipped packs say."""

from __future__ import annotations

from datetime import datetime

from bot.analysis import analyze
from bot.analysis.models import Finding
from bot.analysis.packnames import role_appositions
from bot.analysis.packs import parse_pack
from bot.analysis.packs.phrases import compile_phrase
from bot.analysis.reader import read
from bot.analysis.text import make_doc
from bot.registry.loader import load_registry

REGISTRY = load_registry()
PACK = parse_pack(
    """
[pack]
lang = "xx"
name = "Test"
schema = 1
[numbers]
neuf = 9
[lists]
role = ["entraineur", "trainer"]
not_name = ["le", "la", "mannschaft", "trainer"]
event = ["mondial", "wm"]
and = ["et"]
successor = ["favori", "candidats"]
[[cue]]
id = "sacked"
level = 3
phrases = ["(limoge|entlassen)"]
[[cue]]
id = "talks"
level = 2
phrases = ["ultimatum"]
[[cue]]
id = "murmur"
level = 1
phrases = ["sous pression"]
[[frame]]
id = "role"
kind = "manager"
phrases = ["{role} {person}", "(joueurs|hommes) (de|d') {person}"]
[[frame]]
id = "successor"
kind = "successor"
phrases = ["successeur (sera|est) {person}", "nachfolger wird {person}"]
[claims]
behind = ["a {num} points de"]
[sport]
other = ["handball"]
football = ["football"]
""",
    "xx.toml",
)


def _read(text: str, published: datetime | None = None) -> Finding:
    return read(text, None, published, REGISTRY, PACK)


def test_a_not_name_word_is_trimmed_off_or_drops_the_run() -> None:
    got = _read("Le club a limoge l'entraineur Paul Mercier. Son successeur sera La Mannschaft.")
    assert (got.level, got.manager) == (3, "Paul Mercier")
    assert got.successors == ()  # "La Mannschaft": every word is a not_name word
    trimmed = _read("Le club a limoge l'entraineur Paul Mercier. Son successeur est Le Jean Dupuis.")
    assert [s.name for s in trimmed.successors] == ["Jean Dupuis"]


def test_a_not_name_word_inside_a_run_drops_it_but_lowercase_particles_stay() -> None:
    assert _read("Le club a limoge l'entraineur Paul Mannschaft Mercier.").manager is None
    assert _read("Le club a limoge l'entraineur Vicente le Bosque.").manager == "Vicente le Bosque"


def test_a_name_glued_to_an_elided_article_fills_the_slot() -> None:
    got = _read("Les joueurs d'Antoine Mercier ont perdu: le club a limoge Antoine Mercier.")
    assert got.manager == "Antoine Mercier"
    assert compile_phrase("joueurs d' {person}", {}).slot_side == "after"
    # Without the apostrophe the name must still be a separate word.
    assert _read("Les joueurs dAntoine Mercier ont perdu, le club a limoge.").manager is None


def test_a_year_in_a_competitions_name_is_not_history() -> None:
    on = datetime(2022, 12, 1)
    assert _read("Mondial 2018: le club a limoge l'entraineur Paul Mercier.", on).level == 3
    assert _read("WM 2018: Der Verband hat Trainer Paul Mercier entlassen.", on).level == 3
    assert _read("En 2018 le club a limoge l'entraineur Paul Mercier.", on).level == 0


def test_a_registry_club_beside_another_sports_word_is_not_football() -> None:
    handball = "Le Lyon Handball a limoge l'entraineur Paul Mercier."
    assert not _read(handball).pressure
    football = "Le Lyon a limoge l'entraineur Paul Mercier apres la defaite. Le handball est en crise."
    assert _read(football).level == 3


def test_gap_claims_are_read_without_pressure() -> None:
    got = _read("Le Lyon est a neuf points de Marseille apres la defaite.")
    assert not got.pressure
    assert [(g.team, g.points) for g in got.gap_claims] == [("Olympique Lyonnais", 9)]


def test_a_lone_all_capitals_word_is_never_a_person_in_english_either() -> None:
    got = analyze("Cardiff City have sacked NEIL after the defeat.", lang="en", registry=REGISTRY)
    assert got.manager != "NEIL"
    named = analyze("Cardiff City have sacked manager Neil Warnock.", lang="en", registry=REGISTRY)
    assert named.manager == "Neil Warnock"
    assert _read("Le club a limoge l'entraineur PAUL.").manager is None


def test_a_full_name_shortly_after_a_role_word_is_the_manager() -> None:
    got = _read("Le Lyon a limoge l'entraineur principal du club, Paul Mercier.")
    assert (got.level, got.manager) == (3, "Paul Mercier")
    club_between = _read("L'entraineur de Lyon Paul Mercier a ete limoge.")
    assert club_between.manager == "Paul Mercier"
    # Too far, or a single word: no name the role word makes plain.
    far = "L'entraineur a parle longuement avec les joueurs et les dirigeants avant que Paul Mercier arrive."
    assert role_appositions(PACK, make_doc(far), []) == []
    near = role_appositions(PACK, make_doc("L'entraineur du club, Paul Mercier, arrive."), [])
    assert [(f.kind, f.surface) for f in near] == [("manager", "Paul Mercier")]
    assert _read("L'entraineur Mercier a ete limoge.").manager == "Mercier"  # the plain frame still reads


def test_a_headline_cue_is_about_the_storys_manager() -> None:
    got = PACK_TITLE_READ("Ultimatum au Lyon", "Le club soutient son entraineur Paul Mercier. Rien de neuf.")
    assert (got.level, got.manager) == (2, "Paul Mercier")


def PACK_TITLE_READ(title: str, text: str) -> Finding:
    return read(text, title, None, REGISTRY, PACK)


def test_full_names_after_a_successor_word_are_successors() -> None:
    got = _read("Le club a limoge l'entraineur Paul Mercier. Le favori pour le poste est Jean Dupuis.")
    assert [t.name for t in got.successors] == ["Jean Dupuis"]
    # A surname alone is passed over; the outgoing manager is never his own successor.
    got = _read("Le club a limoge l'entraineur Paul Mercier. Le favori de Mercier est Jean Dupuis.")
    assert [t.name for t in got.successors] == ["Jean Dupuis"]
    assert _read("Le club a limoge l'entraineur Paul Mercier. Le favori reste flou.").successors == ()


def test_a_list_after_a_successor_word_and_a_colon() -> None:
    text = "Le club a limoge l'entraineur Paul Mercier. Les candidats: Dupuis, Jean Martin et Heim."
    got = _read(text + " Marc Dupuis attend.")
    # A lone word counts only as the surname of someone the text names in full ("Heim" is a noun).
    assert sorted(t.name for t in got.successors) == ["Dupuis", "Jean Martin"]


def test_a_club_the_registry_knows_is_never_a_successor() -> None:
    got = _read("Le club a limoge l'entraineur Paul Mercier. Son successeur sera Borussia Dortmund.")
    assert got.level == 3 and got.successors == ()


def test_names_joined_to_a_framed_successor_share_its_frame() -> None:
    got = _read("Le club a limoge l'entraineur Paul Mercier. Son successeur sera Jean Dupuis et Marc Lefort.")
    assert sorted(t.name for t in got.successors) == ["Jean Dupuis", "Marc Lefort"]
    alone = _read(
        "Le club a limoge l'entraineur Paul Mercier. Son successeur sera Jean Dupuis. Marc Lefort rit."
    )
    assert [t.name for t in alone.successors] == ["Jean Dupuis"]


def test_a_full_name_right_before_a_murmur_is_its_subject() -> None:
    got = _read("A Lyon, Paul Mercier est sous pression apres trois defaites.")
    assert (got.level, got.manager) == (1, "Paul Mercier")
    # After a murmur, a name is as often the critic's: no subject.
    assert _read("Le club est sous pression, explique Paul Mercier.").manager is None


def test_a_registry_coach_between_jobs_named_in_a_cues_sentence_is_a_candidate_manager() -> None:
    person = REGISTRY.person_by_name("Thiago Motta")
    assert person is not None and person.role == "candidate"  # the registry fact this test rests on
    text = "Thiago Motta a longuement parle aux joueurs hier soir, puis le club a pose un ultimatum."
    assert _read(text).manager == "Thiago Motta"
    # Anyone the text makes a manager ranks first.
    framed = text + " L'entraineur Paul Mercier a ete limoge."
    assert _read(framed).manager == "Paul Mercier"


def test_a_framed_managers_surname_alone_counts_for_him() -> None:
    # "d'Hein ..." is glued to its article, so only the frame sees him; the bare surname is his too.
    text = "Les joueurs d'Hein Vanhaezebrouck ont perdu. Hier soir, la direction a limoge Vanhaezebrouck."
    got = _read(text)
    assert (got.level, got.manager) == (3, "Hein Vanhaezebrouck")
