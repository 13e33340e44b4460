"""Backing and last-chance cues added for fr/de (level 2: the club publicly backs him, or gives him one
more chance), each with a near miss that must not fire. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.analysis.packs.reading import level


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("fr", "Le président assure que Daniel Sanchez est l'homme de la situation.", 2),
        ("fr", "Le gardien a été l'homme du match samedi soir.", 0),
        ("de", "Trainer Tomas Oral erhält somit nochmals eine Chance.", 2),
        ("de", "Der Stürmer vergab nochmals eine Großchance.", 0),
    ],
)
def test_backing_and_one_more_chance(lang: str, text: str, want: int) -> None:
    assert level(lang, text) == want
