"""The fast scanners find exactly what the plain patterns they stand for find, on any text.

Speed work must never change a Finding, so each shortcut (gated cue scan, per-first-character
branches, word-start scan, literal prefilters, replace-based folding) is checked against the plain
`re`/`str.translate` behaviour it replaces.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import cues, successors, text
from bot.analysis.gate import GatedPattern, Prefiltered, WordScan, _split_top

_WORDS = """
sacked has been have was fired the sack vote of confidence under pressure replace replaced
successor interim caretaker named new head coach manager took over in talks with ruled himself out
not interested turned down the job leave to join signed a new contract retire farewell decision
confirmed no plans to he is not yet at that point last season in 2019 ago former boss club board
backs back stick with future of points behind level on points x1 _the thé ransacked
"""
_SEPARATORS = [" ", "  ", "\n", ", ", ". ", "-", "'", "_", "1", "é", ""]
TEXTS = st.lists(st.tuples(st.sampled_from(_WORDS.split()), st.sampled_from(_SEPARATORS)), max_size=25).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


def _spans(matches: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_gated_scans_match_the_plain_pattern(sample: str) -> None:
    for gated in (successors._CUE, successors._RULED_OUT):
        assert _spans(gated.finditer(sample)) == _spans(gated.full.finditer(sample))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_word_scans_and_prefilters_match_the_plain_pattern(sample: str) -> None:
    for scan in (successors._CHANGE, cues._VOLUNTARY):
        assert _spans(scan.finditer(sample)) == _spans(scan.pattern.finditer(sample))
    for filtered in (successors._REPLACED_AFTER,):
        got, want = filtered.search(sample), filtered.pattern.search(sample)
        assert (got and got.span()) == (want and want.span())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_folding_matches_translate(sample: str) -> None:
    assert text.fold_keep(sample) == sample.translate(text._KEEP_TABLE)


# Letters and every punctuation mark `clean` rewrites to a non-space character: no URL, no noise line
# and no run of spaces, so the plain `str.translate` over the table is the whole expected answer.
_PUNCT_ALPHABET = "ab.'" + "".join(
    chr(code) for code, out in text._PUNCT.items() if isinstance(out, str) and out.strip()
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_PUNCT_ALPHABET, max_size=40))
def test_cleaning_punctuation_matches_translate(sample: str) -> None:
    assert text.clean(sample) == sample.translate(text._PUNCT)


def test_chained_folds_are_order_independent() -> None:
    """ "Ǣ" folds to "æ", itself folded: such texts must still fold like translate."""
    sample = "Ǣ æ Ǿ ø Ά"
    assert text.fold_keep(sample) == sample.translate(text._KEEP_TABLE)


def test_first_character_split_keeps_groups_and_unreadable_bodies_fall_back() -> None:
    assert _split_top(r"a|(b|c)|[|(]d|e\|f") == ["a", "(b|c)", "[|(]d", r"e\|f"]
    assert _split_top("x)(y") is None
    gated = GatedPattern("(?P<a>x)(y)|z")  # dropping 'z' would renumber groups: no split
    assert gated.by_char == {}
    assert [m.span() for m in gated.finditer("x y xy z")] == [(4, 6), (7, 8)]


def test_word_scan_refuses_patterns_not_led_by_a_word_boundary() -> None:
    loose = WordScan(re.compile(r"out|\bback"))
    assert loose.gate is None
    assert [m.span() for m in loose.finditer("without back")] == [(4, 7), (8, 12)]
    assert Prefiltered(re.compile(r"[a-z]+x")).needles is None
