"""Is this article about (association) football at all?

"Sacked", "fired" and "vote of confidence" are everyday words in NFL, NBA, rugby and business news.
The article counts as football when football vocabulary clearly outweighs other sports' and
business vocabulary; a registry club mention counts as football evidence. Scored by counting distinct
cue hits over the whole folded text (one regex each), so it costs one pass per side.
"""

from __future__ import annotations

import re

_FOOTBALL = re.compile(
    r"\b(?:football|soccer|futbol|calcio|premier league|la liga|laliga|serie a|bundesliga|ligue 1|eredivisie|"
    r"primeira liga|championship|scottish premiership|mls|champions league|europa league|conference league|"
    r"copa del rey|fa cup|carabao cup|league cup|dfb-pokal|coppa italia|coupe de france|uefa|fifa|"
    r"striker|midfielder|midfield|goalkeeper|centre-back|center-back|full-back|winger|clean sheet|"
    r"penalty|penalties|offside|var\b|goalless|relegation|relegated|promoted|promotion|derby|transfer window|"
    r"pitch|kick-off|kickoff|stoppage time|extra time|hat-trick|hat trick|header|back four|back three|"
    r"pressing|dugout|touchline|manager|gaffer|dressing room|stadium|table|points? (?:behind|adrift|clear)|"
    r"los blancos|the gunners|the red devils|the hammers|the blues|the reds|bianconeri|rossoneri|nerazzurri|"
    r"goals?\b|scored|scoring|draw|drew|nil\b|\d-\d)"
)
_OTHER = re.compile(
    r"\b(?:nfl|nba|nhl|mlb|wnba|ncaa|super bowl|quarterback|touchdowns?|linebackers?|running back|"
    r"wide receiver|tight end|offensive line|defensive line|sacks?\b(?= of| on| in \d| per)|yards|gridiron|"
    r"rugby|six nations|scrum|line-?out|try-line|tries|fly-half|rfu|premiership rugby|super rugby|all blacks"
    r"|wallabies|"
    r"springboks|cricket|wickets?|innings|test match|odi\b|t20|batsman|bowler|ipl|basketball|baseball|"
    r"hockey|nhl|pitcher|inning|home runs?|dunk|rebounds|free throws?|point guard|playoff berth|"
    r"shareholders?|stockholders?|board of directors|ceo\b|chief executive officer|governance|proxy|"
    r"annual general meeting|agm\b|share price|stock|earnings|quarterly|revenue|parliament|prime minister|"
    r"mps\b|election|cabinet|senate|congress|councillors?|council|union members|trustees|nonprofit|"
    r"golf|tennis|formula 1|formula one|f1\b|grand prix|boxing|ufc|cycling|athletics|volleyball|handball)"
)


def football_evidence(low: str) -> tuple[int, int]:
    """(football cue hits, other-sport/business cue hits) in the folded text."""
    return len(_FOOTBALL.findall(low)), len(_OTHER.findall(low))


def is_football(low: str, club_mentions: int = 0) -> bool:
    """Football when its vocabulary (plus registry club mentions) clearly outweighs the rest."""
    football, other = football_evidence(low)
    football += club_mentions
    if other == 0:
        return football >= 1
    return football >= 2 * other + 1
