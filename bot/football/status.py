"""Why a competition's live data was not refreshed, said once per competition in /about.

A failed refresh keeps the last good matches and coaches; the reason is stored (storage/refresh_status.py)
until the next success clears it. Reasons are templates marked for the catalogues, so Discord shows
them in the reader's language; the CLI and logs use the English text.
"""

from __future__ import annotations

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

    def text(self, translate: Any = None) -> str:
        """The line in English, or through `translate` (an i18n `Texts`) in the reader's language."""
        if translate is None:
            reason = self.reason.format(**self.values) if self.values else self.reason
            return LINES[self.part].format(league=self.league, reason=reason)
        return str(translate(LINES[self.part], league=self.league, reason=translate(self.reason, **self.values)))
