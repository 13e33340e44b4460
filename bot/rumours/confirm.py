"""When a sacking is confirmed: pure rules, no I/O.

One article saying a manager is gone is a report, not a fact: a misread opinion piece or a fake item
must not end a tenure for every server. A level-3 story stays `reported` until either the club's own
statement is quoted, or a second independent outlet reports the decision within `CONFIRM_WINDOW` of
the first report; then it is `confirmed`, and only then (and only for a shared story) does the
manager's spell end. The same rule is applied to old stores by migration 003.

A report nobody confirms within `REPORT_EXPIRY` is `withdrawn` (`expired`): it never ended a tenure,
so withdrawing it undoes nothing; it stays in the index at the level-2 weight it always had. A later
level-3 report about the same manager starts the decision afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.registry.names import fold
from bot.rumours.grouping import DECIDED_WINDOW, unique

CONFIRM_WINDOW = DECIDED_WINDOW  # reports of one sacking this far apart join one story
REPORTED = "reported"
CONFIRMED = "confirmed"
WITHDRAWN = "withdrawn"
REPORT_EXPIRY = timedelta(days=7)  # a report still unconfirmed this long after it is withdrawn


@dataclass(frozen=True, slots=True)
class Decision:
    """A story's level-3 state after one more finding: status, first report, outlets that reported it."""

    status: str
    decided_at: datetime | None
    outlets: tuple[str, ...]

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED


def decide(
    before: Decision,
    *,
    level: int,
    origins: Sequence[str],
    published: datetime,
    club_statement: bool,
    syndicated: bool,
) -> Decision:
    """Fold one finding into a story's decision state (`before.decided_at` None: not decided yet)."""
    if level < 3 or before.confirmed:
        return before
    if before.decided_at is None or before.status == WITHDRAWN or expired(before, published):
        # the first report of the decision, or a fresh one after the last was withdrawn
        status = CONFIRMED if club_statement else REPORTED
        return Decision(status, published, unique(origins))
    if syndicated:  # a copy of a text already in the story is not a second source
        return before
    known = {fold(name) for name in before.outlets}
    independent = any(fold(name) not in known for name in origins)
    in_time = abs(published - before.decided_at) <= CONFIRM_WINDOW
    status = CONFIRMED if club_statement or (independent and in_time) else REPORTED
    return Decision(status, min(before.decided_at, published), unique([*before.outlets, *origins]))


def expired(before: Decision, now: datetime) -> bool:
    """A reported sacking nobody confirmed within `REPORT_EXPIRY` of its first report."""
    return (
        before.status == REPORTED
        and before.decided_at is not None
        and now - before.decided_at > REPORT_EXPIRY
    )
