"""The fast scans find exactly what the plain regexes find: gates whose prefixes run on past word
separators, and word lists that read only the stretches around the words their phrases need."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.gate import GatedPattern, gate_prefixes
from bot.analysis.packs import available, load_pack
from bot.analysis.packs.phrases import required_words
from bot.analysis.text import fold

# Words and whole phrases of the packs, noise, separators: matches and near misses.
_SALAD_TEXT = """
en el la de a un paso se queda sin entrenador cuerda floja il tecnico non e piu esonerato der trainer
wurde entlassen nicht mehr n'est plus l'entraineur limoge points behind trail by nine punti dalla
vetta a -7 puntos del lider has been sacked vote of confidence under pressure deny desmiente
Real Madrid 9 12 , . - : ' "
"""
_SALAD = _SALAD_TEXT.split()
_PHRASES = [
    "en la cuerda floja",
    "nine points behind",
    "trail leeds by 4 points",
    "a 7 punti dalla vetta",
    "a nueve puntos del barcelona",
    "neun punkte ruckstand auf",
    "a onze points de genk",
    "vote of confidence",
    "el tecnico",
    "non e piu il tecnico",
    "se queda sin entrenador",
]
WORDS = st.sampled_from(_SALAD + _PHRASES)
SEPS = st.sampled_from([" ", " ", "-", "  ", " - ", "\n"])
TEXTS = st.lists(st.tuples(WORDS, SEPS), max_size=300).map(
    lambda pairs: fold("".join((w.replace(" ", sep) if w in _PHRASES else w) + sep for w, sep in pairs))
)
SEPARATED = TEXTS


def test_gate_prefixes_run_on_past_separators() -> None:
    prefixes = gate_prefixes(r"(?:en[\s\-]+la[\s\-]+cuerda|bajo[\s\-]+presion)(?!\w)")
    assert prefixes is not None and sorted(prefixes) == ["bajo\x01presion", "en\x01la\x01cuerda"]
    assert gate_prefixes(r"(?:[0-9]{1,3}|nine)[\s\-]+points") is None  # may start with a digit


@pytest.mark.parametrize("lang", available())
@settings(max_examples=40, deadline=None)
@given(text=SEPARATED)
def test_gated_cue_and_frame_scans_match_the_plain_regex(lang: str, text: str) -> None:
    pack = load_pack(lang)
    for scan in (pack.cue_scan, pack.frame_scan):
        pattern = getattr(scan, "pattern", None)
        if not isinstance(pattern, GatedPattern):
            continue
        plain = re.compile(pattern.full.pattern)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("lang", available())
@settings(max_examples=40, deadline=None)
@given(text=TEXTS)
def test_word_lists_read_around_needed_words_as_a_whole_scan_would(lang: str, text: str) -> None:
    pack = load_pack(lang)
    for words in pack.claims.values():
        plain = re.compile("|".join(f"(?:{p.regex})" for p in words.phrases))
        whole = plain.search(text)
        got = words.search(text)
        assert (got.span() if got else None) == (whole.span() if whole else None)
        assert [m.span() for m in words.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_long_text_is_read_only_around_the_needed_words() -> None:
    words = load_pack("en").claims["behind"]
    assert words.needles is not None and "point" in words.needles
    far = "the club " * 200 + "are nine points behind leeds" + " today" * 200
    windows = words._windows(far)
    assert windows is not None and sum(hi - lo for lo, hi in windows) < len(far) // 3
    m = words.search(far)
    assert m is not None and m.group() == "nine points behind"
    assert words.search("the club " * 300) is None  # no needed word: no regex at all


@pytest.mark.parametrize(
    ("source", "want"),
    [
        ("{num} point* (behind|below)", ("point",)),
        ("(a|ad) {num} (punti|lunghezze) (dal|dalla)", ("punti", "lunghezze")),
        ("a {num} [punti|punto] (dalla|dal) (vetta|capolista)", ("vetta", "capolista")),
        ("({role}|mister) {num}", None),  # a list inside the group: no plain words to need
        ("[has] (resigned|stepped down)", ("resigned", "stepped", "down")),
    ],
)
def test_required_words(source: str, want: tuple[str, ...] | None) -> None:
    assert required_words(source) == want
