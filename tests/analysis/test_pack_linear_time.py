"""Every pack's patterns stay linear on adversarial text built from that pack's own words.

test_linear_time.py attacks the reader with English words and name particles; this one builds long
runs out of each pack's example sentences (its cues, frames, role, successor and `and` words), elided
articles, colons and capitalised names, so the pack-driven scans (cues with gaps, frames, role and
successor appositions, lists after a colon, coordination) are all exercised at size. Linear code
reads these in well under a second; a backtracking pattern blows through the bound.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.engine import read_article
from bot.analysis.packs import available, load_pack
from bot.registry.loader import load_registry

REGISTRY = load_registry()
BOUND_S = 3.0
LANGS = [lang for lang in available() if lang != "en"]
_GLUE = ["d'", "l'", "dell'", ": ", ", ", " - ", "? ", "Juan ", "Pérez ", "De ", "van ", "Luca ", "Rossi "]


def _pieces(lang: str) -> list[str]:
    """The pack's own vocabulary: every word of its example sentences, plus glue that frames read."""
    pack = load_pack(lang)
    texts = [e.text for e in pack.examples] + [e.text for e in pack.appointment_examples]
    words = {w + " " for text in texts for w in re.findall(r"\S+", text)}
    return sorted(words) + _GLUE


def _timed(lang: str, text: str) -> float:
    started = time.perf_counter()
    read_article(text, text[:300], None, REGISTRY, lang)
    return time.perf_counter() - started


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_long_run_of_the_packs_own_words(lang: str, data: st.DataObject) -> None:
    unit = data.draw(st.lists(st.sampled_from(_pieces(lang)), min_size=1, max_size=12).map("".join))
    size = data.draw(st.integers(5_000, 30_000))
    text = (unit * (size // len(unit) + 1))[:size]
    assert _timed(lang, text) < BOUND_S


@pytest.mark.parametrize("lang", LANGS)
def test_one_sentence_of_every_example_repeated(lang: str) -> None:
    """All the pack's examples glued into one unpunctuated sentence, many times over."""
    pack = load_pack(lang)
    body = " ".join(e.text.rstrip(".!?") for e in (*pack.examples, *pack.appointment_examples))
    assert _timed(lang, (body.replace(".", " ") + " : ") * 40) < BOUND_S
