"""Is this article about (association) football at all?

"Sacked", "fired" and "vote of confidence" are everyday words in NFL, NBA, rugby and business news.
Both sides are scored from cue counts: a strong cue (a league, a sport's name, a position only that
sport has) counts 3, a weak one (generic sports words) counts 1, and each registry club mention
counts 2 for football. Football wins when its score is at least 2 and more than 1.5 times the other
side's, so a rugby story that names Leicester is still rugby.

Counting is done on word n-grams (one tokenisation, then set lookups), which is several times
faster than scanning the text with big regex alternations.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split(",") if p.strip())


_FOOTBALL_STRONG = _phrases(
    """football, soccer, futbol, calcio, premier league, la liga, laliga, serie a, bundesliga, ligue 1,
    eredivisie, primeira liga, efl, scottish premiership, mls, champions league, europa league,
    conference league, copa del rey, fa cup, carabao cup, league cup, dfb-pokal, coppa italia,
    coupe de france, uefa, fifa, striker, strikers, midfielder, midfielders, goalkeeper, goalkeepers,
    centre-back, center-back, full-back, winger, wingers, clean sheet, offside, hat-trick, relegation,
    relegated, transfer window, dugout, los blancos, bianconeri, rossoneri, nerazzurri, gaffer,
    second division, top flight, top-flight, bench, the table"""
)
_FOOTBALL_WEAK = _phrases(
    """manager, head coach, club, league, division, season, matches, match, fixture, fixtures,
    supporters, fans, penalty, penalties, derby, promotion, pitch, kick-off, stoppage time, extra time,
    header, dressing room, stadium, points behind, points adrift, points clear, points below,
    points above, goal, goals, scored, draw, drew, defeat, win, nil"""
)
_OTHER_STRONG = _phrases(
    """nfl, nba, nhl, mlb, wnba, ncaa, super bowl, quarterback, quarterbacks, touchdown, touchdowns,
    linebacker, linebackers, running back, wide receiver, gridiron, rugby, six nations, scrum, lineout,
    line-out, fly-half, rfu, all blacks, wallabies, springboks, cricket, wicket, wickets,
    wicketkeeper, innings, test series, ashes, batsman, batsmen, ipl, basketball, baseball,
    ice hockey, hockey, pitcher, home run, home runs, point guard, shareholder, shareholders,
    stockholders, board of directors, chief executive officer, governance, annual general meeting,
    share price, earnings, parliament, prime minister, golf, tennis, formula 1, formula one,
    grand prix, boxing, ufc, cycling, volleyball, handball, playoff berth, head football coach,
    football program, college football, offensive coordinator, defensive coordinator, athletic director,
    bowl game, heisman, fbs, big ten, nrl, afl, rugby league, aussie rules, stanley cup, world series,
    march madness, wooden spoon, american league, national league, spring training, bullpen, shortstop,
    outfielder, infielder, starting pitcher, relief pitcher, pitchers, strikeout, strikeouts, no-hitter,
    doubleheader, walk-off, rbi, rbis, batting average, grand slam, goaltender, power forward,
    first-base, second-base, third-base, first base, second base, third base, base coach, win-loss"""
)
_OTHER_WEAK = _phrases(
    """yards, tries, fumble, fumbles, interception, franchise, rebounds, free throw, free throws,
    points per game, dunk, bowler, test match, t20, odi, inning, proxy, quarterly, stock, revenue,
    election, cabinet, senate, congress, councillor, councillors, trustees, nonprofit, company,
    companies, ceo, tests"""
)
_SCORES: dict[str, tuple[int, int]] = {
    **{p: (0, 1) for p in _OTHER_WEAK},
    **{p: (0, 3) for p in _OTHER_STRONG},
    **{p: (1, 0) for p in _FOOTBALL_WEAK},
    **{p: (3, 0) for p in _FOOTBALL_STRONG},
}
# First word of each multi-word phrase -> the phrase lengths starting with it.
_STARTS: dict[str, tuple[int, ...]] = {}
for _phrase in _SCORES:
    _parts = _phrase.split()
    if len(_parts) > 1:
        _STARTS[_parts[0]] = tuple(sorted({*_STARTS.get(_parts[0], ()), len(_parts)}))


# word -> (its own score, lengths of the phrases it starts), so a word costs one lookup.
_LOOKUP: dict[str, tuple[tuple[int, int] | None, tuple[int, ...] | None]] = {
    word: (_SCORES.get(word), _STARTS.get(word)) for word in {*_SCORES, *_STARTS}
}


def football_evidence(low: str, club_mentions: int = 0) -> tuple[int, int]:
    """(football score, other-sport/business score) for the folded text."""
    words = _TOKEN.findall(low)
    counts = Counter(words)  # counted in C; only the vocabulary words present are visited
    football = 2 * club_mentions
    other = 0
    scores = _SCORES
    for word in counts.keys() & _LOOKUP.keys():
        hit, lengths = _LOOKUP[word]
        times = counts[word]
        if hit is not None:
            football += hit[0] * times
            other += hit[1] * times
        if lengths is not None:
            i = -1
            for _ in range(times):
                i = words.index(word, i + 1)
                for n in lengths:
                    hit = scores.get(" ".join(words[i : i + n]))
                    if hit is not None:
                        football += hit[0]
                        other += hit[1]
    return football, other


def is_football(low: str, club_mentions: int = 0) -> bool:
    """Football when its vocabulary (plus registry club mentions) clearly outweighs the rest."""
    football, other = football_evidence(low, club_mentions)
    return football >= 2 and football > 1.5 * other
