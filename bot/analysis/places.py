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
_SPACE = re.compile(r"[\s,]*")


def place_at(places: dict[str, re.Pattern[str]], low: str, pos: int) -> str | None:
    """The pack key of the place named right at `pos` in the folded text (past spaces), or None."""
    start = _SPACE.match(low, pos)
    at = start.end() if start is not None else pos
    for key, regex in places.items():
        if regex.match(low, at):
            return key
    return None
