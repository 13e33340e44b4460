"""Table places a gap is measured to when no club is named: "two points above the drop zone",
"a 2 punti dalla zona retrocessione", "sechs Punkte hinter dem Relegationsrang".

Each pack names the places in its own words (`[places]`, SCHEMA.md); the reader reports them under
one English name, so a store, a digest and the evaluation read one place whatever the language
("the drop zone", "la zona de descenso" and "die Abstiegsplätze" are all "relegation zone").

Orientation: a gap to a place that lies below the team ("the relegation zone") means the team is
above it, whatever preposition the language uses ("two points from the drop zone", "a tre punti
dalla zona retrocessione"); a gap to a place above ("safety", "the top") means the team trails it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.analysis.packs import Pack

# Pack key -> the name a claim carries.
PLACE_NAMES: dict[str, str] = {
    "relegation": "relegation zone",
    "safety": "safety",
    "top": "top spot",
    "europe": "European places",
    "promotion": "promotion places",
}
# Places below a team that measures a gap to them: the place is the trailing side.
BELOW: frozenset[str] = frozenset({"relegation"})
BELOW_NAMES: frozenset[str] = frozenset(PLACE_NAMES[key] for key in BELOW)
_SPACE = re.compile(r"[\s,]*")
_NEXT_WORD = re.compile(r"\s*([\w-]+)")


def place_at(pack: Pack, low: str, pos: int) -> str | None:
    """The pack key of the place named right at `pos` in the folded text (past spaces), or None.
    A number right after it makes it another place ("the top four" is not "the top")."""
    start = _SPACE.match(low, pos)
    at = start.end() if start is not None else pos
    for key, regex in pack.places.items():
        m = regex.match(low, at)
        if m is None:
            continue
        following = _NEXT_WORD.match(low, m.end())
        word = following.group(1) if following is not None else ""
        return None if word.isdigit() or word in pack.numbers else key
    return None


def place_trails(key: str, *, ahead: bool) -> bool:
    """Whether the place is the trailing side of a gap the subject measures to it: a place below the
    subject always is; one above it is only when the phrase puts the subject ahead."""
    return key in BELOW or ahead
