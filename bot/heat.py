"""A fan's reading of the pressure index: a word and a five-step bar on a fixed scale.

The scale is fixed (not relative to today's leader) so the same index always reads the same:
each of the five bar steps is a whole 4 index points (any pressure shows one), full at 20;
below 5 is "simmering", below 12 "hot", 12 and over "boiling".
An index of 16.3 reads "boiling ▰▰▰▰▱". The raw index stays in JSON/CLI output.
"""

from __future__ import annotations

import math

from bot.i18n import N_, Texts, texts

STEP = 4.0
STEPS = 5
WORDS = ((5.0, N_("simmering")), (12.0, N_("hot")))
TOP_WORD = N_("boiling")


def heat_word(index: float) -> str:
    """ "simmering", "hot" or "boiling"."""
    return next((word for bound, word in WORDS if index < bound), TOP_WORD)


def heat_bar(index: float) -> str:
    """ "▰▰▰▱▱": one filled step per whole 4 index points, at least one for any pressure, at most 5."""
    if not index > 0:  # zero, negative or NaN
        return "▱" * STEPS
    filled = STEPS if math.isinf(index) else min(STEPS, max(1, math.floor(index / STEP)))
    return "▰" * filled + "▱" * (STEPS - filled)


def heat(index: float, _: Texts | None = None) -> str:
    """The word (in the reader's language) and the bar together, e.g. "boiling ▰▰▰▰▱"."""
    _ = _ or texts(None)
    return f"{_(heat_word(index))} {heat_bar(index)}"
