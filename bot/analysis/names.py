"""Capitalised name runs in the original text, and what their words alone say: a person's name,
or an organisation, a title word, a shout.

Linear by construction (issue 10): see NAME_RUN.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.analysis.sources import OUTLET_SPELLINGS
from bot.analysis.text import Doc, fold


def _words(text: str) -> frozenset[str]:
    """A word set written as one readable block of text."""
    return frozenset(text.split())


PARTICLES = frozenset(
    (
        "van",
        "von",
        "de",
        "del",
        "della",
        "der",
        "den",
        "ten",
        "ter",
        "da",
        "das",
        "dos",
        "di",
        "du",
        "le",
        "la",
        "el",
        "al",
    )
)
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zà-öø-ÿ"
# A hyphen may join two capitalised parts ("Jean-Louis", "Hans-Dieter", "Saint-Étienne"): after it
# an uppercase letter, where the other branch needs a lowercase one, so a split is never ambiguous.
_PART = rf"(?:[{_UP}'\-][{_LOW}]+|-[{_UP}][{_LOW}]+)"  # a further part of one word: "McD-", "-Louis"
_TOKEN = rf"(?:[{_UP}](?:[{_LOW}]+|[{_UP}]{{1,3}}(?![{_LOW}])){_PART}*|[{_UP}]\.)"
# One particle word at a time: "van der" is "van" then "der". Listing "van der" beside "van" let the
# engine split a run of particles 2^n ways before failing (issue 10: 22 s on 26 "van der").
_PARTICLE = r"(?:van|von|de|del|della|der|den|ten|ter|da|das|dos|di|du|le|la|el|al)"
# Linear by construction: tokens start with a capital and particles are lowercase, so every split of
# a run is unique; no lookahead at the end (a run glued to a letter after it is trimmed by
# `name_runs`, and one glued to the letter before it, "iPhone", is dropped by the caller), since
# a failing lookahead made `re` retry a run from each of its capitals (quadratic).
NAME_RUN = re.compile(rf"{_TOKEN}(?:[ ]+(?:{_PARTICLE}[ ]+)*{_TOKEN})*")


def name_runs(text: str) -> Iterable[tuple[int, int]]:
    """Spans of capitalised name runs; a run whose last word is glued to a letter or digit after it
    ("Smith2") loses that word and any particles before it, as the old lookahead did."""
    for m in NAME_RUN.finditer(text):
        ms, me = m.span()
        if me < len(text) and (text[me].isalnum() or text[me] == "_"):
            words = text[ms:me].split(" ")[:-1]
            while words and (not words[-1] or words[-1] in PARTICLES):
                words.pop()
            if not words:
                continue
            me = ms + len(" ".join(words))
        yield ms, me


def doc_name_runs(doc: Doc) -> list[tuple[int, int]]:
    """`name_runs(doc.text)`, found once per article: the cast and the pack's frames both read them."""
    if doc.name_spans is None:
        doc.name_spans = list(name_runs(doc.text))
    return doc.name_spans


# Capitalised words that start a run but are not part of a person's name.
_LEAD_WORDS = _words(
    """
    the a an and but or so if as at in on of to for from by with after before when while since
    however although though despite among including according reports report sources source former
    ex new old interim caretaker boss manager coach head chief president chairman owner owners
    director sporting technical general vice mr mrs dr sir captain striker midfielder defender
    goalkeeper winger forward legend club board coaches managers fans supporters meanwhile also then
    now today yesterday tomorrow this that these those his her their our its my your we they he she
    it i you who what why how where there here breaking exclusive update updated watch read more
    photo video live no yes monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december spanish italian
    german french english dutch portuguese scottish welsh irish argentine argentinian brazilian
    american belgian croatian serbian danish norwegian swedish austrian swiss polish turkish mexican
    uruguayan colombian chilean departed incoming outgoing permanent ceo cfo coo md gm assistant re
    posted quote reply share page under-fire under-pressure embattled beleaguered struggling troubled
    el los las il lo gli der die das dem des une un una
    """
)
# A run containing one of these is an organisation, place or competition, not a person.
_NON_PERSON = _words(
    """
    fc afc cf cd sc ac united city town rovers athletic athletico atletico albion wanderers hotspur
    county villa palace forest league cup premier champions europa conference liga bundesliga ligue
    serie eredivisie championship stadium arena park bridge trafford anfield road lane ground
    academy association federation committee council capital group holdings sports sport press news
    times post mail sun mirror telegraph guardian athletic express independent standard echo gazette
    marca journal daily weekly radio tv television twitter instagram facebook youtube x google
    madrid barcelona munich milan juventus inter napoli roma lazio chelsea arsenal liverpool everton
    tottenham fulham brentford bournemouth wolves leicester newcastle brighton burnley sheffield
    leeds southampton ipswich luton norwich watford celtic rangers ajax psv feyenoord benfica porto
    sporting braga dortmund leverkusen leipzig stuttgart frankfurt marseille lyon monaco lille nice
    paris psg sevilla valencia villarreal betis bilbao girona fiorentina atalanta bologna torino
    genoa galaxy dallas timbers whitecaps toronto atlanta seattle sounders orlando nycfc lafc
    england spain italy germany france portugal netherlands scotland wales ireland brazil argentina
    europe european america american nfl nba nhl mlb rugby cricket blancos merengues gunners hammers
    reds blues magpies toffees spurs saints foxes villans baggies cherries bees seagulls canaries
    hornets clarets blades owls rossoneri nerazzurri bianconeri giallorossi biancocelesti
    colchoneros blaugrana bavarians bhoys gers citizens cityzens cottagers eagles wolves potters
    tigers
    hotel airport street square avenue house hall tower court college university school hospital church
    cathedral trust project foundation consortium institute agency society network
    """
)


@lru_cache(maxsize=32768)
def surname_key(name: str) -> str:
    """The folded last word of a name, the key that links "Erik ten Hag" and "Ten Hag" (memoised:
    the same few names are asked for again and again while one article is read)."""
    words = fold(name).replace("'s", "").split()
    return words[-1].strip(".'-") if words else ""


@lru_cache(maxsize=32768)
def strip_offsets(run: str) -> tuple[int, int]:
    """How many characters `_strip_run` drops from the start and the end of a folded name run
    (a pure function of the run's text, and runs repeat: memoised)."""
    start, end = _strip_run(run, 0, len(run))
    return start, len(run) - end


def _strip_run(low: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing words that are titles or function words, not name parts."""
    first = low.find(" ", start, end)
    last = low.rfind(" ", start, end)
    head = low[start : first if first != -1 else end].strip(".'")
    tail = low[last + 1 if last != -1 else start : end].strip(".'")
    if head not in _LEAD_WORDS and tail not in _LEAD_WORDS:
        return start, end  # the common case: nothing to strip
    while start < end:
        space = low.find(" ", start, end)
        word = low[start : space if space != -1 else end].strip(".'")
        if word not in _LEAD_WORDS:
            break
        start = space + 1 if space != -1 else end
        while start < end and low[start] == " ":
            start += 1
    while end > start:
        space = low.rfind(" ", start, end)
        word = low[space + 1 if space != -1 else start : end].strip(".'")
        if word not in _LEAD_WORDS:
            break
        end = space if space != -1 else start
        while end > start and low[end - 1] == " ":
            end -= 1
    return start, end


@lru_cache(maxsize=32768)
def looks_like_person(surface: str) -> bool:
    folded = fold(surface)
    words = folded.split()
    return (
        bool(words)
        and not surface.isupper()  # "NEIL", "BREAKING NEWS": shouted headline words or acronyms
        and folded not in OUTLET_SPELLINGS
        and not any(w.strip(".'") in _NON_PERSON for w in words)
    )


def shouted(surface: str) -> bool:
    """One all-capitals word ("NEIL", "UFFICIALE"): a shout or an abbreviation, never a person."""
    return " " not in surface and len(surface) > 1 and surface.isupper()
