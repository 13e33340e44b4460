"""How fresh a table answer is, and the gap if games in hand are won, worded once for every front end.

The CLI and console print these in English (`ENGLISH`); Discord passes the reader's `Texts` and a day
formatter that shows a Discord timestamp. The strings are gettext message ids (bot/i18n/locales).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.i18n import Texts, texts

if TYPE_CHECKING:
    from bot.football.results import Freshness

ENGLISH = texts("en")


def freshness_notes(freshness: Freshness, _: Texts, day: Callable[[str], str] = str) -> list[str]:
    """Last result counted, results missing, season over: in the reader's language."""
    notes = []
    if freshness.season_ended:
        notes.append(_("The season has ended: this is its final table."))
    if freshness.last_result:
        notes.append(_("Results up to {date}.", date=day(freshness.last_result)))
    if freshness.missing_results:
        notes.append(
            _.ngettext(
                "⚠ {count} result missing: a past fixture has no score in the data yet.",
                "⚠ {count} results missing: past fixtures have no score in the data yet.",
                freshness.missing_results,
            )
        )
    return notes


def gap_if_won(gap: int, leader: str, trailer: str, _: Texts) -> str:
    """A gap seen from the current leader: positive, they stay ahead; negative, the trailer leads."""
    if gap == 0:
        return _("level on points")
    if gap > 0:
        return _.ngettext(
            "{team} still lead by {count} point", "{team} still lead by {count} points", gap, team=leader
        )
    return _.ngettext("{team} lead by {count} point", "{team} lead by {count} points", -gap, team=trailer)
