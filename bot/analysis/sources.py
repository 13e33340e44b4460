"""Outlets and journalists an article attributes its claims to ("say Marca", "according to The Athletic").

Only attributions count: an outlet merely named (an embedded tweet's account, a "follow us" line) is
not a source. Names are matched against a table of known outlets and reporters and returned in their
canonical spelling, in order of first attribution.
"""

from __future__ import annotations

import re
from typing import Protocol

from bot.analysis.text import Doc, fold, trie_pattern

# canonical name -> spellings (folded) the press uses
_OUTLETS: dict[str, tuple[str, ...]] = {
    "Marca": ("marca",),
    "AS": ("diario as",),
    "Mundo Deportivo": ("mundo deportivo",),
    "Sport": ("diario sport",),
    "El País": ("el pais",),
    "Relevo": ("relevo",),
    "Cadena SER": ("cadena ser",),
    "COPE": ("cope", "el chiringuito"),
    "The Athletic": ("the athletic",),
    "Sky Sports": ("sky sports", "sky sports news"),
    "Sky Sport Italia": ("sky sport italia", "sky italia"),
    "Sky Germany": ("sky germany", "sky sport germany", "sky deutschland"),
    "BBC Sport": ("bbc sport", "bbc", "the bbc", "bbc radio 5 live"),
    "ESPN": ("espn", "espn fc"),
    "The Guardian": ("the guardian", "guardian"),
    "The Times": ("the times",),
    "The Telegraph": ("the telegraph", "the daily telegraph", "telegraph sport"),
    "The Sun": ("the sun", "sun sport"),
    "Daily Mail": ("the daily mail", "daily mail", "mail sport", "sportsmail", "the mail"),
    "Mirror": ("the mirror", "the daily mirror", "mirror football"),
    "Daily Express": ("the express", "daily express", "express sport"),
    "The Independent": ("the independent",),
    "Evening Standard": ("the evening standard", "evening standard", "the standard"),
    "talkSPORT": ("talksport",),
    "Goal": ("goal", "goal.com"),
    "Football España": ("football espana",),
    "Football Italia": ("football italia",),
    "La Gazzetta dello Sport": ("la gazzetta dello sport", "gazzetta dello sport", "gazzetta"),
    "Corriere dello Sport": ("corriere dello sport",),
    "Tuttosport": ("tuttosport",),
    "Calciomercato": ("calciomercato",),
    "Sportitalia": ("sportitalia",),
    "L'Équipe": ("l'equipe", "lequipe"),
    "RMC Sport": ("rmc sport", "rmc"),
    "Le Parisien": ("le parisien",),
    "Bild": ("bild", "sport bild"),
    "Kicker": ("kicker",),
    "Sport1": ("sport1",),
    "De Telegraaf": ("de telegraaf", "telegraaf"),
    "A Bola": ("a bola",),
    "Record": ("record",),
    "O Jogo": ("o jogo",),
    "Associated Press": ("the associated press", "associated press", "ap"),
    "Reuters": ("reuters",),
    "AFP": ("afp", "agence france-presse"),
    "CBS Sports": ("cbs sports",),
    "Football Insider": ("football insider",),
    "football.london": ("football.london", "football london"),
    "Manchester Evening News": ("manchester evening news", "the manchester evening news", "men"),
    "Liverpool Echo": ("liverpool echo", "the liverpool echo"),
    "Daily Record": ("daily record", "the daily record"),
    "MLSsoccer.com": ("mlssoccer.com",),
    "Fabrizio Romano": ("fabrizio romano", "romano"),
    "David Ornstein": ("david ornstein", "ornstein"),
    "Gianluca Di Marzio": ("gianluca di marzio", "di marzio"),
    "Matteo Moretto": ("matteo moretto",),
    "Florian Plettenberg": ("florian plettenberg", "plettenberg"),
    "Simon Stone": ("simon stone",),
    "Jacob Steinberg": ("jacob steinberg",),
    "Sami Mokbel": ("sami mokbel",),
    "Christian Falk": ("christian falk",),
    "Ben Jacobs": ("ben jacobs",),
    "Duncan Castles": ("duncan castles",),
    "Paul Joyce": ("paul joyce",),
}
_BY_SPELLING = {spelling: name for name, spellings in _OUTLETS.items() for spelling in spellings}
# Outlet and reporter names are never people under pressure or successors.
OUTLET_SPELLINGS = frozenset(_BY_SPELLING) | frozenset(fold(name) for name in _OUTLETS)
# The trie comes first so `re` can skip ahead fast; a match glued to the word before it is dropped.
_MENTION = re.compile(r"(?P<o>" + trie_pattern(sorted(_BY_SPELLING)) + r")(?!\w|\.\w)")
# "report Marca and Cadena SER": the outlet right after an attributed one shares the attribution.
_AND_BEFORE = re.compile(r"(?:,|\band|&)\s+(?:the\s+)?$")


class Attribution(Protocol):
    """A language pack's attribution words (`[sources]` before/after), compiled."""

    def search(self, text: str, /) -> re.Match[str] | None: ...


def find_sources(doc: Doc, before_words: Attribution | None, after_words: Attribution | None) -> list[str]:
    """Canonical outlet/journalist names the article attributes claims to, in order. The attribution
    words are the language pack's (`before_words` searched in the 50 characters before a name,
    `after_words` in the 30 after it); without them only "(Marca)" and "X and Y" attribute."""
    found: dict[str, None] = {}
    low = doc.low
    previous_end = -10
    previous_attributed = False
    for m in _MENTION.finditer(low):
        start, end = m.span("o")
        if start and (low[start - 1].isalnum() or low[start - 1] in "._"):
            continue
        spelling = m.group("o")
        if spelling in _AMBIGUOUS and not doc.text[start : start + 1].isupper():
            continue
        before = low[max(0, start - 50) : start]
        said_after = after_words is not None and after_words.search(low[end : end + 30].lstrip(" "))
        attributed = bool(
            (before_words is not None and before_words.search(before))
            or (low[start - 1 : start] == "(" and low[end : end + 1] == ")")
            or said_after
            or (
                previous_attributed
                and start - previous_end < 12
                and _AND_BEFORE.search(low[previous_end:start])
            )
        )
        previous_end, previous_attributed = end, attributed
        if attributed:
            found.setdefault(_BY_SPELLING[spelling], None)
    return list(found)


# Spellings that are ordinary words unless capitalised in the original ("the sun", "record", "goal").
_AMBIGUOUS = frozenset(
    {
        "the times", "ap", "romano", "record", "the independent", "the express", "kicker", "the sun",
        "rmc", "sport", "bild", "the mail", "relevo", "goal", "men", "the standard"
    }
)  # fmt: skip
