"""The pressure index: how hot a manager's seat is at a moment, from the stories told about them.

Formula (also returned by `formula()` so front ends can show it):

    story value   V(s)   = W[level(s)] * (1 + 1/2 + ... + 1/n(s))
    finding weight Δ(f)  = V(story after f) - V(story before f)        (never negative)
    pressure index I(m,t) = Σ over findings f of m published by t of  Δ(f) * 2^(-(t - published(f)) / H)

with W = {1: 1, 2: 3, 3: 20} (murmurs, serious, decided; a decision still only *reported* weighs as
level 2 until it is confirmed, bot/rumours/confirm.py), n(s) the number of distinct independent
sources in the story (an article's attributed outlets, else its own outlet) and H = 7 days.

Why this shape:
- Per story, not per article: a syndicated copy or a second piece from the same outlet adds nothing
  (Δ = 0), while each new independent outlet adds less than the one before (harmonic sum), so ten
  outlets repeating one rumour weigh ~2.9x one outlet, not 10x.
- An escalation (a level-2 story turning level 3) adds the difference at the time it happens, so the
  index rises when the news breaks, not when the first murmur was printed.
- Level 3 (sacked, resigned) dominates once confirmed: worth 20 single-outlet murmurs. Unconfirmed,
  it counts as serious pressure (level 2): a misread or fake report cannot top the board alone, and
  the confirmation adds the difference when it comes.
- Exponential decay makes the index a sum that can be kept incrementally: with a fixed epoch E,
  I(m,t) = 2^(R(m) - (t - E)/H) where R(m) = log2 Σ Δ(f) * 2^((published(f) - E)/H). R is stored per
  manager; ordering managers by R is ordering them by index at any moment, so the board is one
  index-ordered scan whatever the size of the store.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

HALF_LIFE = timedelta(days=7)
LEVEL_WEIGHTS: dict[int, float] = {1: 1.0, 2: 3.0, 3: 20.0}
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# A trend moves only when the index changed by more than this share (and this absolute amount).
TREND_RATIO = 0.15
TREND_FLOOR = 0.05


def formula() -> dict[str, object]:
    """The formula's parameters, for `to_dict` answers."""
    return {
        "index": "sum over findings of weight * 2^(-age / half_life)",
        "weight": "increase of the story's value W[level] * (1 + 1/2 + ... + 1/outlets)",
        "level_weights": {str(level): weight for level, weight in LEVEL_WEIGHTS.items()},
        "half_life_days": HALF_LIFE / timedelta(days=1),
    }


def story_value(level: int, outlets: int, *, confirmed: bool = True) -> float:
    """What a story is worth: its level's weight times the harmonic number of its outlets; a level-3
    story not yet confirmed is worth a level-2 one."""
    if level <= 0 or outlets <= 0:
        return 0.0
    weighed = min(level, 3) if confirmed else min(level, 2)
    return LEVEL_WEIGHTS.get(weighed, 0.0) * sum(1.0 / k for k in range(1, outlets + 1))


def half_lives(moment: datetime, since: datetime = EPOCH) -> float:
    """How many half-lives separate `since` from `moment` (negative when `moment` is earlier)."""
    return (moment - since) / HALF_LIFE


def decay(age: timedelta) -> float:
    """The share of a weight left after `age` (weights from the future count in full)."""
    return math.pow(2.0, -max(0.0, age / HALF_LIFE))


def rank_term(weight: float, published: datetime) -> float:
    """log2 of one finding's term in R(m); -inf for a weight of zero."""
    return math.log2(weight) + half_lives(published) if weight > 0 else -math.inf


def add_rank(rank: float, term: float) -> float:
    """log2(2^rank + 2^term) without overflow (R values are ~1,400 in 2026)."""
    if term == -math.inf:
        return rank
    if rank == -math.inf:
        return term
    high, low = max(rank, term), min(rank, term)
    return high + math.log2(1.0 + math.pow(2.0, low - high))


def index_from_rank(rank: float, now: datetime) -> float:
    """I(m, now) from the stored R(m)."""
    if rank == -math.inf:
        return 0.0
    exponent = rank - half_lives(now)
    return 0.0 if exponent < -1000 else math.pow(2.0, exponent)


def rank_floor(index: float, now: datetime) -> float:
    """The rank key whose index at `now` is `index` (the inverse of `index_from_rank`)."""
    return math.log2(index) + half_lives(now)


def trend(now_index: float, before_index: float) -> str:
    """'up', 'down' or 'steady' comparing the index now with its value a week before."""
    change = now_index - before_index
    if abs(change) <= max(TREND_FLOOR, TREND_RATIO * before_index):
        return "steady"
    return "up" if change > 0 else "down"


def day_start(moment: datetime) -> datetime:
    """Midnight UTC of `moment`'s day: the key of a `pressure_days` row."""
    utc = moment.astimezone(UTC)
    return datetime(utc.year, utc.month, utc.day, tzinfo=UTC)


def day_amount(weight: float, published: datetime) -> float:
    """A finding's contribution to its day's row: its weight carried back to the day's start."""
    return weight * math.pow(2.0, half_lives(published, day_start(published)))


def index_before(rank: float, days: list[tuple[datetime, float]], boundary: datetime) -> float:
    """The index at `boundary` counting only findings of days that began before it.

    `days` are (day start, amount) rows; only rows on or after `boundary` matter. The total kept in
    R(m) includes later findings, so their share is taken back out: exact, and a handful of rows.
    """
    later = sum(
        amount * math.pow(2.0, half_lives(start, boundary)) for start, amount in days if start >= boundary
    )
    total = index_from_rank(rank, boundary)
    remainder = total - later
    # The subtraction leaves rounding dust where nothing came before the boundary: that is zero.
    return remainder if remainder > 1e-9 * max(1.0, total) else 0.0


def history(
    rank: float, days: list[tuple[datetime, float]], now: datetime, length: int = 90
) -> list[tuple[datetime, float]]:
    """Daily points for a chart: the index at the end of each of the last `length` - 1 days, then now.

    One exact value at the window's start, then one step per day: I(next midnight) = (I(midnight) +
    that day's amount) / 2^(1 day / H), so a 90-day chart costs 90 steps, not 90 sums.
    """
    today = day_start(now)
    first = today - timedelta(days=length - 2)
    amounts = dict(days)
    step = math.pow(2.0, -timedelta(days=1) / HALF_LIFE)
    value = index_before(rank, days, first)
    points = [(first, value)]
    for back in range(length - 3, -1, -1):
        end = today - timedelta(days=back)
        value = (value + amounts.get(end - timedelta(days=1), 0.0)) * step
        points.append((end, value if value > 1e-12 else 0.0))
    future = [(start, amount) for start, amount in days if start > now]
    points.append((now, index_before(rank, future, now) if future else index_from_rank(rank, now)))
    return points
