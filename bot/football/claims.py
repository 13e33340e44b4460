"""A gap claim read in an article against the table: "table agrees" or what the table says instead.

Pure wording over `GapResult`s; which tables to compare (the article's day and the day before) is the
football service's job.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis.models import GapClaim
from bot.football.results import GapResult


def verdict(claim: GapClaim, team_key: str, answers: Sequence[GapResult]) -> str:
    """'table agrees' when any answer matches the claim, else what the first answer says."""
    for result in answers:
        if _claim_matches(claim, team_key, result):
            return "table agrees"
    return _table_says(claim, team_key, answers[0])


def _trailing_by(team_key: str, result: GapResult) -> tuple[int, int]:
    """(points the claimed team trails by, its games in hand); negative points means it leads."""
    if result.trailer.club_key == team_key:
        return result.points_gap, result.games_in_hand
    return -result.points_gap, -result.games_in_hand


def _claim_matches(claim: GapClaim, team_key: str, result: GapResult) -> bool:
    points, in_hand = _trailing_by(team_key, result)
    if points != claim.points:
        return False
    return claim.games_in_hand is None or claim.games_in_hand == in_hand


def _table_says(claim: GapClaim, team_key: str, result: GapResult) -> str:
    points, in_hand = _trailing_by(team_key, result)
    team = result.trailer.name if result.trailer.club_key == team_key else result.leader.name
    if points < 0:
        return f"table says {team} lead by {-points}"
    text = "table says level on points" if points == 0 else f"table says {points}"
    if claim.games_in_hand is not None and claim.games_in_hand != in_hand:
        text += (
            f", {in_hand} game{'' if in_hand == 1 else 's'} in hand" if in_hand > 0 else ", no game in hand"
        )
    elif claim.games_in_hand is None and in_hand > 0:
        text += f", {team} with {in_hand} game{'' if in_hand == 1 else 's'} in hand"
    return text
