"""Hypothesis strategies for outside input: what feeds, journalists and users actually send, and worse."""

from __future__ import annotations

from hypothesis import strategies as st

FOOTBALL_WORDS = [
    "sack",
    "sacked",
    "under pressure",
    "ultimatum",
    "crisis talks",
    "vote of confidence",
    "resigned",
    "Real Madrid",
    "Barcelona",
    "Ancelotti",
    "Arteta",
    "Arsenal",
    "Man Utd",
    "points",
    "games in hand",
    "replace",
    "successor",
    "tipped",
    "the board",
    "manager",
    "head coach",
    "boss",
    "2-1",
    "12 points",
    "Mikel",
    "Kovač",
    "Dortmund",
    "Juventus",
    "Spalletti",
    "Allegri",
    "Milan",
    "'",
    '"',
    "—",
    "...",
]
NASTY = [
    "\x00",
    "\u202e",
    "\ufeff",
    "\u0301",
    "\U0001f525",
    "\r\n",
    "\t",
    "<b>",
    "</p>",
    "&amp;",
    "&#0;",
    "]]>",
    "<![CDATA[",
    "@everyone",
    "`",
    "*",
    "_",
    "\\",
    "%s",
    "{0}",
    "${x}",
    "İ",
    "ß",
    "Ⅻ",
    "٣",
]

# Unicode text that includes surrogate-free control characters and odd scripts.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)

# Text built from football words, nasty characters and numbers: reaches the parsers' inner branches.
football_text = st.lists(
    st.one_of(
        st.sampled_from(FOOTBALL_WORDS),
        st.sampled_from(NASTY),
        st.integers(-5, 3000).map(str),
        any_text.map(lambda t: t[:20]),
    ),
    max_size=40,
).map(" ".join)

names = st.one_of(any_text, football_text.map(lambda t: t[:120]), st.sampled_from(FOOTBALL_WORDS))
