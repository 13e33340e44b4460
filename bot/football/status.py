"""Why a competition's live data was not refreshed, said once per competition in /about.

A failed refresh keeps the last good matches and coaches; the reason is stored (storage/refresh_status.py)
until the next success clears it. Reasons are templates marked for the catalogues, so Discord shows
them in the reader's language; the CLI and logs use the English text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.i18n import N_

Part = Literal["matches", "coaches"]

RATE_LIMITED = N_("rate limited, retry in {seconds} s")
NOT_IN_PLAN = N_("not in your football-data.org plan")
TOKEN_REFUSED = N_("token refused, check FOOTBALL_DATA_TOKEN")
NOT_JSON = N_("the answer was not valid JSON")
UNEXPECTED = N_("unexpected answer")
HTTP_STATUS = N_("HTTP {status}")
NO_ANSWER = N_("no answer")
TOO_LARGE = N_("answer too large")
FAILED = N_("refresh failed")

# One line per competition and part, as /about and `hotseat about` show it.
LINES: dict[str, str] = {
    "matches": N_("{league} matches: not refreshed — {reason}"),
    "coaches": N_("{league} coaches: not refreshed — {reason}"),
}


@dataclass(frozen=True, slots=True)
class DataProblem:
    """The last refresh of one competition's matches or coaches failed; the stored data is older."""

    league: str  # display name, e.g. "Premier League"
    part: Part
    reason: str  # a template from this module
    values: dict[str, Any] = field(default_factory=dict)
    since: str | None = None  # when the failure was recorded (UTC ISO)

    def text(self, translate: Callable[..., str] | None = None) -> str:
        """The line in English, or through `translate` (an i18n `Texts`) in the reader's language."""
        say = translate or _english
        try:
            reason = say(self.reason, **self.values)
        except (KeyError, IndexError, ValueError):  # a reason stored by another version
            reason = self.reason
        return say(LINES[self.part], league=self.league, reason=reason)


def _english(template: str, /, **values: Any) -> str:
    return template.format(**values) if values else template
