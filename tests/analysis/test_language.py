"""Which pack reads an article: the feed's declared language first, else the offline detector."""

from __future__ import annotations

import threading

import pytest

from bot.analysis import language
from bot.analysis.language import DEFAULT_LANG, article_language, declared_language, detect_language


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("es-ES", "es"),
        ("de_AT", "de"),
        (" FR ", "fr"),
        ("pt-br", "pt"),
        ("it", "it"),
        ("nl-NL", "nl"),
        ("", None),
        (None, None),
        ("english", None),
        ("x-klingon", None),
        ("12", None),
    ],
)
def test_declared_language_keeps_the_primary_code(tag: str | None, code: str | None) -> None:
    assert declared_language(tag) == code


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El club ha destituido al entrenador tras la derrota del domingo en casa.", "es"),
        ("La società ha esonerato l'allenatore dopo la sconfitta di ieri sera.", "it"),
        ("Der Verein hat den Trainer nach der Niederlage am Samstag freigestellt.", "de"),
        ("Le club a limogé son entraîneur après la défaite de samedi soir.", "fr"),
        ("O clube demitiu o treinador depois da derrota de domingo.", "pt"),
        ("The club sacked its manager after the defeat on Saturday.", "en"),
    ],
)
def test_detects_each_pack_language_from_one_sentence(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_title_counts_towards_detection() -> None:
    assert detect_language("Mourinho", title="Il tecnico è stato esonerato dalla società") == "it"


@pytest.mark.parametrize("text", ["", "   ", "1-0 (2-1) 90'", "!!!"])
def test_text_without_words_reads_with_the_default_pack(text: str) -> None:
    assert detect_language(text) == DEFAULT_LANG


def test_declared_pack_language_wins_over_the_text() -> None:
    # A Spanish feed quoting an English headline is still read with the Spanish pack.
    assert article_language("es-ES", "Manchester United sack their manager") == "es"


def test_undeclared_or_unpacked_language_is_detected() -> None:
    german = "Der Verein hat sich von seinem Trainer getrennt, teilte der Klub mit."
    assert article_language(None, german) == "de"
    assert article_language("nl", german) == "de"  # no Dutch pack: read it as what it is
    assert article_language("bogus tag", german) == "de"


def test_model_loads_once_when_threads_ask_together(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real_load = language._load

    def counting_load() -> language._Identifier:
        calls.append(1)
        return real_load()

    monkeypatch.setattr(language, "_loaded", [])
    monkeypatch.setattr(language, "_load", counting_load)
    barrier = threading.Barrier(4)
    answers: list[str] = []

    def ask() -> None:
        barrier.wait()
        answers.append(detect_language("Le club a limogé son entraîneur."))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert answers == ["fr"] * 4


def test_a_lone_name_is_too_little_to_leave_the_default() -> None:
    assert detect_language("Ancelotti") == DEFAULT_LANG
