"""Every language pack's own examples read as the pack says (SCHEMA.md "[[example]]").

Contributors pin each phrase, trap and negative they add with a short sentence of their own; this
test runs them all through `analyze(..., lang=<pack>)`, so a pack change that breaks one fails here.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.analysis.packs import Example, available, load_pack
from bot.registry.loader import load_registry

REGISTRY = load_registry()
CASES = [
    pytest.param(lang, example, id=f"{lang}-{i + 1}")
    for lang in available()
    for i, example in enumerate(load_pack(lang).examples)
]


def _surname(name: str) -> str:
    return name.split()[-1].casefold()


@pytest.mark.parametrize(("lang", "example"), CASES)
def test_pack_example(lang: str, example: Example) -> None:
    got = analyze(example.text, title=example.title, lang=lang, registry=REGISTRY)
    why = "\n".join(got.explain)
    assert got.level == example.level, why
    if example.cue is not None:
        assert got.cue_id == example.cue, why
    if example.manager is not None:
        assert got.manager is not None and _surname(got.manager) == _surname(example.manager), why
    if example.successors is not None:
        assert {_surname(s.name) for s in got.successors} == {_surname(s) for s in example.successors}, why
    if example.club_statement is not None:
        assert got.club_statement == example.club_statement, why


def test_every_pack_has_examples_at_each_level() -> None:
    for lang in available():
        levels = {e.level for e in load_pack(lang).examples}
        assert {0, 2, 3} <= levels, f"{lang}.toml needs examples of a non-story, a threat and a sacking"
