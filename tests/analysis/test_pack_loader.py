"""Language packs load, compile to linear-time patterns, and refuse bad data with a clear message."""

from __future__ import annotations

import re
import time

import pytest

from bot.analysis.packs import PackError, available, load_pack, parse_pack
from bot.analysis.packs.phrases import PhraseError, compile_list, compile_phrase

LISTS = {"role": compile_list("role", ["manager", "head coach", "coach"], {})}


def _matches(phrase: str, text: str) -> bool:
    return re.search(compile_phrase(phrase, LISTS).regex, text) is not None


@pytest.mark.parametrize(
    ("phrase", "yes", "no"),
    [
        ("sack* {role}", ["sacked manager", "sacks head coach"], ["sack the manager", "ransacked manager"]),
        ("[has] been (sacked|fired)", ["has been sacked", "been fired"], ["has sacked"]),
        (
            "relieved ~3 of his duties",
            ["relieved carlo ancelotti of his duties"],
            ["relieved a b c d of his duties"],
        ),
        ("must win", ["must win", "must-win"], ["mustwin"]),
        ("[the|a] (talks|meeting)", ["the talks", "meeting"], ["meetings"]),
        ("destitu*", ["destituido", "destitucion"], ["indestituido"]),
        ("entraineur", ["l'entraineur"], ["entraineurs"]),
    ],
)
def test_phrase_syntax(phrase: str, yes: list[str], no: list[str]) -> None:
    for text in yes:
        assert _matches(phrase, text), text
    for text in no:
        assert not _matches(phrase, text), text


def test_name_slot_is_left_to_the_reader() -> None:
    after = compile_phrase("el (tecnico|entrenador) {person}", LISTS)
    before = compile_phrase("{person} 's side", LISTS)
    assert (after.slot, after.slot_side) == ("person", "after")
    assert (before.slot, before.slot_side) == ("person", "before")
    assert re.search(before.regex, "ancelotti's side")


@pytest.mark.parametrize(
    ("phrase", "why"),
    [
        ("a (b|)", "empty alternative"),
        ("~3 a", "gap"),
        ("a ~20 b", "gap is ~1 to ~8"),
        ("a {nolist}", "unknown list"),
        ("a b)", "unexpected"),
        ("(a b", "missing"),
        ("a+b", "not a word"),
        ("a.*b", "not a word"),
        ("[a]", "required word"),
        ("a {person} b", "first or last"),
    ],
)
def test_bad_phrases_are_refused_with_the_reason(phrase: str, why: str) -> None:
    with pytest.raises(PhraseError, match=re.escape(why)):
        compile_phrase(phrase, LISTS)


_MINIMAL = """
[pack]
lang = "xx"
name = "Test"
schema = 1
[[cue]]
id = "sacked"
level = 3
phrases = ["sacked"]
"""


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("level = 3", "level = 5"), "level must be one of"),
        (('phrases = ["sacked"]', 'phrases = ["sa(cked"]'), "cue sacked"),
        (('phrases = ["sacked"]', "phrases = []"), "non-empty list"),
        (("schema = 1", "schema = 2"), "schema must be 1"),
        (('id = "sacked"', 'id = "Sacked!"'), "lowercase id"),
        (("[[cue]]", "[[cues]]"), "unknown section"),
        (('phrases = ["sacked"]', 'phrases = ["{person} sacked"]'), "cues name nobody"),
        (('name = "Test"', "name = "), "not valid TOML"),
    ],
)
def test_bad_pack_names_file_section_and_problem(change: tuple[str, str], why: str) -> None:
    text = _MINIMAL.replace(*change)
    with pytest.raises(PackError, match=re.escape(why)) as err:
        parse_pack(text, "xx.toml")
    assert "xx.toml" in str(err.value)


@pytest.mark.parametrize(
    ("addition", "why"),
    [
        ('[places]\nmidtable = ["mid table"]\n', "places are relegation, safety"),
        ('[places]\nsafety = ["{person} safety"]\n', "name slots belong in"),
        ('[[frame]]\nid = "c"\nkind = "club"\nphrases = ["coach of {person}"]\n', "needs {club}"),
        ('[[frame]]\nid = "m"\nkind = "manager"\nphrases = ["coach of {club}"]\n', "needs {person}"),
    ],
)
def test_a_bad_section_added_to_a_pack_names_file_and_problem(addition: str, why: str) -> None:
    with pytest.raises(PackError, match=re.escape(why)) as err:
        parse_pack(_MINIMAL + addition, "xx.toml")
    assert "xx.toml" in str(err.value)


def test_minimal_pack_loads() -> None:
    pack = parse_pack(_MINIMAL, "xx.toml")
    assert [c.id for c in pack.cues] == ["sacked"]
    assert pack.cues[0].regex.search("was sacked today")


def test_modifier_and_frame_checks() -> None:
    with pytest.raises(PackError, match="unknown modifier"):
        parse_pack(_MINIMAL + '[modifiers.maybe]\nbefore = ["if"]\n', "xx.toml")
    with pytest.raises(PackError, match=re.escape("needs {person}")):
        parse_pack(_MINIMAL + '[[frame]]\nid = "f"\nkind = "manager"\nphrases = ["coach"]\n', "xx.toml")
    with pytest.raises(PackError, match="12 months"):
        parse_pack(_MINIMAL + '[lists]\nmonth = ["jan"]\n', "xx.toml")


@pytest.mark.parametrize("lang", available())
def test_every_shipped_pack_loads(lang: str) -> None:
    pack = load_pack(lang)
    assert pack.lang == lang
    assert {c.level for c in pack.cues} == {1, 2, 3}


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(PackError, match="no pack for 'zz'"):
        load_pack("zz")


@pytest.mark.parametrize("lang", available())
def test_pack_patterns_are_linear_on_adversarial_text(lang: str) -> None:
    """Every compiled pattern of every pack scans long repetitive text quickly (no backtracking blowup)."""
    pack = load_pack(lang)
    patterns = [c.regex for c in (*pack.cues, *pack.traps)] + [f.regex for f in pack.frames]
    patterns += [m for mod in pack.modifiers.values() for m in (mod.before, mod.after) if m is not None]
    texts = ["a " * 20_000, "sacked " * 5_000, "de la " * 5_000 + "x", "- " * 20_000, "the " * 10_000 + "!"]
    started = time.perf_counter()
    for regex in patterns:
        for text in texts:
            for _ in regex.finditer(text):
                pass
    assert time.perf_counter() - started < 20.0
