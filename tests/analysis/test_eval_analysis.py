"""bench/eval_analysis.py: its scoring rules on findings we make up, and a floor on the real corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.eval_analysis import (
    DEFAULT_CORPUS,
    LANGS,
    SPLITS,
    Tally,
    evaluate,
    is_non_person,
    same_person,
    score_article,
    split_of,
)
from bot.analysis import Finding, SuccessorTip

ROOT = Path(__file__).resolve().parents[2]
HAS_CORPUS = DEFAULT_CORPUS.is_dir() and any(DEFAULT_CORPUS.glob("*.json"))


def _item(level: int, *, sport: str = "football", manager: str | None = "Carlo Ancelotti") -> dict[str, Any]:
    return {
        "lang": "es",
        "sport": sport,
        "labels": {
            "pressure": level > 0,
            "level": level,
            "manager": manager if level else None,
            "club": "Real Madrid" if level else None,
            "successors": ["Santiago Solari", "Raúl González"] if level else [],
            "gap_claims": [],
        },
    }


def _finding(level: int, manager: str | None = "Ancelotti", successors: tuple[str, ...] = ()) -> Finding:
    return Finding(
        pressure=level > 0,
        level=level,
        score=0.5,
        manager=manager if level else None,
        club="Real Madrid" if level else None,
        successors=tuple(SuccessorTip(name=s, evidence="") for s in successors),
    )


def test_split_is_fixed_by_the_name_and_about_even() -> None:
    names = [f"xx-{i:03}.json" for i in range(400)]
    halves = [split_of(n) for n in names]
    assert halves == [split_of(n) for n in names]
    assert set(halves) == set(SPLITS)
    assert 150 < halves.count("held-out") < 250


def test_other_sport_firing_is_a_false_pressure_and_a_false_sacking() -> None:
    tally = Tally()
    score_article("x.json", _item(3, sport="other"), _finding(3), [tally])
    report = tally.report()
    assert report["pressure"]["fp"] == 1 and report["sacking"]["fp"] == 1
    assert report["sacking"]["precision"] == 0.0
    assert set(report["misses"]) == {"false pressure", "false sacking"}


def test_right_reading_scores_full_marks_with_accent_free_surnames() -> None:
    tally = Tally()
    score_article("x.json", _item(3), _finding(3, successors=("Solari", "Raul Gonzalez")), [tally])
    report = tally.report()
    assert report["sacking"]["tp"] == 1 and report["manager_accuracy"] == 1.0
    assert report["successors"]["f1"] == 1.0 and report["misses"] == {}


@pytest.mark.parametrize(
    ("a", "b"), [("Ole Gunnar Solskjær", "Solskjaer"), ("Hoeneß", "Hoeness"), ("Jurić", "Juric")]
)
def test_letters_written_out_match_their_spelling(a: str, b: str) -> None:
    assert same_person(a, b)
    assert not same_person(a, "Mourinho")


def test_level_two_read_as_sacking_is_a_false_sacking_not_a_miss_of_pressure() -> None:
    tally = Tally()
    score_article("x.json", _item(2), _finding(3, successors=("Solari", "Mourinho")), [tally])
    report = tally.report()
    assert report["pressure"]["tp"] == 1
    assert report["sacking"]["fp"] == 1 and report["level_accuracy"] == 0.0
    assert report["misses"]["successor FP"] == ["x.json: extra ['mourinho']"]
    assert report["misses"]["successor FN"] == ["x.json: missing ['gonzalez']"]


def test_wrong_manager_and_non_person_names_are_grouped() -> None:
    tally = Tally()
    score_article("x.json", _item(2), _finding(2, manager="Premier League"), [tally])
    report = tally.report()
    assert report["manager_accuracy"] == 0.0
    assert "wrong manager" in report["misses"] and "non-person name" in report["misses"]


@pytest.mark.parametrize("name", ["Premier League", "Trust Project", "NEIL", "Real Madrid"])
def test_non_person_names(name: str) -> None:
    assert is_non_person(name)


@pytest.mark.parametrize("name", ["Carlo Ancelotti", "Íñigo Pérez", "Neil Warnock"])
def test_people_are_not_flagged(name: str) -> None:
    assert not is_non_person(name)


def test_missing_corpus_skips_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "eval_analysis.py"), "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip().count("\n") == 0 and "skipping" in done.stdout


@pytest.mark.skipif(not HAS_CORPUS, reason="../shared/corpus/dev is not here")
def test_real_corpus_per_language_and_half() -> None:
    result = evaluate(DEFAULT_CORPUS)
    assert set(result) == {"all", *SPLITS}
    assert set(result["all"]) == {"overall", *LANGS}
    halves = sum(result[h]["overall"]["articles"] for h in SPLITS)
    assert halves == result["all"]["overall"]["articles"] == len(list(DEFAULT_CORPUS.glob("*.json")))
    for group in result["all"].values():
        assert {"pressure", "sacking", "successors", "gap_claims", "misses"} <= set(group)
    # Floors the reader met when these were set (whole dev set), to catch a regression; not targets.
    floors = {"en": 0.85, "es": 0.80, "it": 0.60, "de": 0.70, "fr": 0.55}
    for lang, floor in floors.items():
        assert result["all"][lang]["pressure"]["f1"] >= floor, lang
    assert result["all"]["en"]["manager_accuracy"] >= 0.75
    assert result["all"]["es"]["manager_accuracy"] >= 0.70


@pytest.mark.skipif(not HAS_CORPUS, reason="../shared/corpus/dev is not here")
def test_json_output_is_the_evaluation() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "eval_analysis.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["all"]["overall"]["articles"] > 0
