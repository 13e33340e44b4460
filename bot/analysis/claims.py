"""League-table gap claims: "a nine-point gap to Barcelona", "seven points adrift", "trail X by a point".

Each claim is normalised to (trailing team, leading team, points, trailing team's games in hand).
The subject is the club named last before the phrase in its clause; a sentence starting "They ..."
means the club the previous sentence started with; with no club in sight, the article's club.
"With a game in hand" belongs to the subject, "..., who have a game in hand" to the club just named.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis.entities import Cast, Entity
from bot.analysis.models import GapClaim
from bot.analysis.packs import load_pack
from bot.analysis.places import BELOW_NAMES, PLACE_NAMES, place_at
from bot.analysis.text import Doc, Sentence

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21,
    "twenty-two": 22, "twenty-three": 23, "twenty-four": 24, "twenty-five": 25, "thirty": 30,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,2}|twenty-\w+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_OBJ = r"(?P<obj>[^.;:()]{0,60})"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "gap",
        re.compile(
            rf"\b{_NUM}[- ]points? (?:gap|deficit)\b(?P<mid>[^.;]{{0,70}}?)\b(?:to|on|behind|with"
            rf"|from)\s+{_OBJ}"
        ),
    ),
    ("lead", re.compile(rf"\b{_NUM}[- ]points? (?:lead|advantage|cushion) (?:over|on|ahead of)\s+{_OBJ}")),
    (
        "behind",
        re.compile(
            rf"\b{_NUM} points? (?:behind|adrift of|off|below|short of|shy of|back from|from"
            rf"|adrift)\b\s*{_OBJ}"
        ),
    ),
    ("ahead", re.compile(rf"\b{_NUM} points? (?:clear of|ahead of|above|clear)\b\s*{_OBJ}")),
    (
        "trail",
        re.compile(
            rf"\btrail(?:s|ing|ed)?\s+(?:the\s+)?(?:leaders?\s+"
            rf"|rivals?\s+)?(?P<obj>[^.;]{{1,50}}?)\s+by\s+{_NUM}\s+points?\b"
        ),
    ),
    (
        "separate",
        re.compile(rf"\b{_NUM} points? separates? (?P<a>[^.;]{{1,40}}?) from (?P<obj>[^.;:()]{{0,60}})"),
    ),
    ("level", re.compile(r"\blevel on points with\s+(?P<obj>[^.;:()]{0,60})|\blevel on points\b(?P<none>)")),
)
# Words each pattern's matches contain: a sentence without any of them is not searched.
_NEEDLES = {
    "gap": ("gap", "deficit"),
    "lead": ("lead", "advantage", "cushion"),
    "behind": ("behind", "adrift", "off", "below", "short of", "shy of", "back from", "from"),
    "ahead": ("clear", "ahead of", "above"),
    "trail": ("trail",),
    "separate": ("separate",),
    "level": ("level on points",),
}
_GAMES_IN_HAND = re.compile(rf"\b(?:have|has|with|holding|hold)\s+{_NUM}\s+(?:games?|matches?)\s+in\s+hand")
_OBJ_STOP = re.compile(
    r"(?:\s+(?:with|going|in|after|and|but|as|at|heading|ahead|who|which|having|despite|since|this|last"
    r"|so|following|before|when|thanks|due|amid|while|until|if)\b|\s*[,(]|\s+-\s).*$"
)


# Lowercase places the en pack's `[places]` does not name (those are read first, under one name).
_TABLE_PLACES = re.compile(
    r"^(?:top four|top six|top two|top three|europe|second place|fourth place"
    r"|the play-?off places|the play-?off spots)$"
)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def find_gap_claims(doc: Doc, cast: Cast, home: Entity | None) -> list[GapClaim]:
    """Every gap claim, once, with registry keys for the clubs the registry knows."""
    keys = {c.name: c.registry_key for c in cast.clubs.values() if c.registry_key}
    if home is not None and home.registry_key:
        keys[home.name] = home.registry_key
    return [
        replace(c, team_key=keys.get(c.team), other_key=keys.get(c.other)) for c in _claims(doc, cast, home)
    ]


def _claims(doc: Doc, cast: Cast, home: Entity | None) -> list[GapClaim]:
    claims: list[GapClaim] = []
    for sentence in doc.sentences:
        low = doc.low[sentence.start : sentence.end]
        if "point" not in low:
            continue
        for kind, regex in _PATTERNS:
            if not any(map(low.__contains__, _NEEDLES[kind])):
                continue
            for m in regex.finditer(low):
                claim = _claim(doc, cast, sentence, kind, m, home)
                if claim is not None and claim not in claims:
                    claims.append(claim)
    return claims


def _claim(
    doc: Doc, cast: Cast, sentence: Sentence, kind: str, m: re.Match[str], home: Entity | None
) -> GapClaim | None:
    base = sentence.start
    n = 0 if kind == "level" else _number(m.group("n"))
    if n is None or n > 40:
        return None
    clause = _clause_start(doc, base, base + m.start())
    if kind == "separate":
        leaders = cast.clubs_in(base + m.start("a"), base + m.end("a"))
        subject = leaders[0][2].name if leaders else None
    else:
        subject = (
            _club_before(cast, clause, base + m.start(), home) if not _THEY.match(doc.low, clause) else None
        )
        if subject is None:
            subject = _previous_subject(doc, cast, sentence) or (home.name if home is not None else None)
    obj_start = base + m.start("obj") if m.group("obj") is not None else base + m.end()
    obj = _object(doc, cast, obj_start, base + m.end())
    if kind == "gap" and obj is None:
        obj = _object(doc, cast, base + m.end("n"), sentence.end)
    if kind == "level" and obj is None:
        clubs = cast.clubs_in(sentence.start, base + m.start())
        if len(clubs) >= 2 and _AND.fullmatch(doc.low[clubs[-2][1] : clubs[-1][0]]):
            subject, obj = clubs[-2][2].name, clubs[-1][2].name
        else:
            return None
    if kind == "ahead" and obj is None and _CLEAR_AT_TOP.search(m.group(0)):
        obj = "second place"
    if kind == "behind" and obj is None and m.group(0).rstrip().endswith("adrift"):
        obj = "safety"
    if subject is None or obj is None or subject == obj:
        return None
    below = obj in BELOW_NAMES  # "two points from the drop zone": the zone trails the subject
    trailing, leading = (obj, subject) if kind in ("lead", "ahead", "separate") or below else (subject, obj)
    hand = _games_in_hand(doc, cast, sentence, trailing, home)
    return GapClaim(trailing, leading, n, hand)


_AND = re.compile(r"\s+(?:and|&)\s+")
_CLEAR_AT_TOP = re.compile(r"clear (?:at the top|at the summit)")
_WHO_BETWEEN = re.compile(r"[\s,]*(?:who|which)?\s*(?:also|still|now)?\s*")
_WHO_BEFORE = re.compile(r",\s*(?:who|which)\s+(?:also\s+|still\s+)?$")

_CLAUSE = re.compile(
    r",\s*(?:and|while|but|as|whereas)\s|;\s|\sand (?:now|are|have|has|sit|trail|remain|they|still)\b|\s-\s"
)


_CLAUSE_REACH = 300  # no real clause is longer


def _clause_start(doc: Doc, start: int, pos: int) -> int:
    """Start of the clause holding `pos`, so "..., and Villa are now fourth" looks for Villa only."""
    start = max(start, pos - _CLAUSE_REACH)  # bounded, so a giant "sentence" stays linear
    last = start
    for m in _CLAUSE.finditer(doc.low, start, pos):
        last = m.end()
    return last


_PRONOUN = re.compile(r"\b(?:they|them|their|we|us|our)\b")


_THEY = re.compile(r"\s*(?:they|it|we)\b")


def _previous_subject(doc: Doc, cast: Cast, sentence: Sentence) -> str | None:
    """ "They sit bottom, five points behind": "they" is the club the previous sentence starts with."""
    if sentence.index == 0 or not _THEY.match(doc.low, sentence.start):
        return None
    previous = doc.sentences[sentence.index - 1]
    clubs = cast.clubs_in(previous.start, previous.end)
    return clubs[0][2].name if clubs else None


def _club_before(cast: Cast, start: int, pos: int, home: Entity | None) -> str | None:
    """The sentence's subject club: the last club named before the phrase, else the article's club."""
    clubs = [c for c in cast.clubs_in(start, pos)]
    if clubs and _PRONOUN.search(cast.low[clubs[-1][1] : pos]):
        clubs = []  # "... defeat to Tottenham left them bottom": the pronoun is our club
    if clubs:
        return clubs[0][2].name if len(clubs) == 1 else clubs[-1][2].name
    return home.name if home is not None else None


def _object(doc: Doc, cast: Cast, start: int, end: int) -> str | None:
    bounded = _OBJ_STOP.search(doc.text, start, end)
    if bounded is not None and bounded.start() > start:
        end = bounded.start()
    clubs = cast.clubs_in(start, end)
    if clubs:
        return clubs[0][2].name
    place = place_at(load_pack("en"), doc.low, start)
    if place is not None:
        return PLACE_NAMES[place]
    phrase = _OBJ_STOP.sub("", doc.text[start:end]).strip(" ,-\"'")
    words = phrase.split()
    if not words or len(words) > 5 or words[0].lower() in ("them", "it", "us", "him", "their", "going"):
        return None
    if words[0].lower() != "the" and not words[0][:1].isupper() and not _TABLE_PLACES.match(phrase.lower()):
        return None
    return phrase


def _games_in_hand(
    doc: Doc, cast: Cast, sentence: Sentence, trailing: str, home: Entity | None
) -> int | None:
    """Games in hand stated in the sentence, when they belong to the trailing team."""
    low = doc.low[sentence.start : sentence.end]
    for m in _GAMES_IN_HAND.finditer(low):
        pos = sentence.start + m.start()
        with_clause = m.group(0).startswith(
            "with"
        )  # "... behind Barcelona with a game in hand": the subject's
        named = [
            c
            for c in cast.clubs_in(sentence.start, pos)
            if not with_clause
            if _WHO_BETWEEN.fullmatch(doc.low[c[1] : pos])
        ]
        if _WHO_BEFORE.search(low[: m.start()]) and not named:
            continue  # "..., who also have a game in hand": the team just named, not our subject
        if named:
            owner: str | None = named[-1][2].name
        else:
            first = cast.clubs_in(sentence.start, pos)
            owner = first[0][2].name if first else (home.name if home else None)
        if owner == trailing:
            return _number(m.group("n"))
    return None
