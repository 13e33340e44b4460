"""Is this article about (association) football at all?

"Sacked", "fired" and "vote of confidence" are everyday words in NFL, NBA, rugby and business news.
Both sides are scored from cue counts over the folded text: a strong cue (a league, a sport's name,
a position only that sport has) counts 3, a weak one (generic sports words) counts 1, and each
registry club mention counts 2 for football. Football wins when its score is at least 2 and more
than 1.5 times the other side's, so a rugby story that names Leicester is still rugby.
"""

from __future__ import annotations

import re

_FOOTBALL_STRONG = re.compile(
    r"\b(?:football|soccer|futbol|calcio|premier league|la ?liga|serie a|bundesliga|ligue 1|eredivisie|"
    r"primeira liga|efl|scottish premiership|mls|champions league|europa league|conference league|"
    r"copa del rey|fa cup|carabao cup|league cup|dfb-pokal|coppa italia|coupe de france|uefa|fifa|"
    r"striker|midfielder|goalkeeper|centre-back|center-back|full-back|winger|clean sheet|offside|"
    r"hat-trick|relegation|relegated|transfer window|dugout|los blancos|bianconeri|rossoneri|nerazzurri|"
    r"gaffer|second division|top flight|top-flight|bench|the table)\b"
)
_FOOTBALL_WEAK = re.compile(
    r"\b(?:manager|head coach|club|league|division|season|matches|match|fixtures?|supporters|fans|"
    r"penalty|penalties|derby|promotion|pitch|kick-off|stoppage time|extra time|header|dressing room|"
    r"stadium|points? (?:behind|adrift|clear|below|above)|goals?|scored|draw|drew|defeat|win|nil)\b"
)
_OTHER_STRONG = re.compile(
    r"\b(?:nfl|nba|nhl|mlb|wnba|ncaa|super bowl|quarterback|touchdowns?|linebackers?|running back|"
    r"wide receiver|gridiron|rugby|six nations|scrum|line-?out|fly-half|rfu|all blacks|wallabies|"
    r"springboks|cricket|wickets?|wicketkeeper|innings|test series|ashes|batsm[ae]n|ipl|basketball|"
    r"baseball|ice hockey|hockey|pitcher|home runs?|point guard|shareholders?|stockholders?|"
    r"board of directors|chief executive officer|governance|annual general meeting|share price|"
    r"earnings|parliament|prime minister|golf|tennis|formula 1|formula one|grand prix|boxing|ufc|"
    r"cycling|volleyball|handball|playoff berth)\b"
)
_OTHER_WEAK = re.compile(
    r"\b(?:yards|tries|fumbles?|interception|franchise|rebounds|free throws?|points per game|dunk|"
    r"bowler|test match|t20|odi|inning|proxy|quarterly|stock|revenue|election|cabinet|senate|"
    r"congress|councillors?|trustees|nonprofit|company|companies|ceo|tests)\b"
)


def football_evidence(low: str, club_mentions: int = 0) -> tuple[int, int]:
    """(football score, other-sport/business score) for the folded text."""
    football = 3 * len(_FOOTBALL_STRONG.findall(low)) + len(_FOOTBALL_WEAK.findall(low)) + 2 * club_mentions
    other = 3 * len(_OTHER_STRONG.findall(low)) + len(_OTHER_WEAK.findall(low))
    return football, other


def is_football(low: str, club_mentions: int = 0) -> bool:
    """Football when its vocabulary (plus registry club mentions) clearly outweighs the rest."""
    football, other = football_evidence(low, club_mentions)
    return football >= 2 and football > 1.5 * other
