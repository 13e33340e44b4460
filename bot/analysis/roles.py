"""The roles the words around a name give a person: "manager X", "X's side", "former boss X",
"sporting director X", "striker X", "journalist X", and "..., the Marseille coach said"."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from bot.analysis.cast import Entity
from bot.analysis.text import Doc


def _words(text: str) -> frozenset[str]:
    """A word set written as one readable block of text."""
    return frozenset(text.split())


ROLE_MANAGER = (
    r"(?:manager|boss|head coach|coach|gaffer|trainer|tactician|supremo|allenatore|entrenador|tecnico"
    r"|mister|skipper|technician|strategist|helmsman)"
)
# The word right before a name says what the text makes of that person ("sporting director X").
_MANAGER_WORDS = _words(
    """manager boss coach gaffer trainer tactician supremo allenatore entrenador tecnico mister skipper
    technician strategist helmsman"""
)
_EXEC_WORDS = _words(
    """president chairman chairwoman owner co-owner owners executive ceo director chief billionaire
    investor presidente vice-president cfo coo gm"""
)
_PLAYER_WORDS = _words(
    """striker forward midfielder defender goalkeeper keeper goalie winger full-back fullback right-back
    left-back centre-back center-back centre-half playmaker captain star youngster teenager wonderkid
    signing loanee international quarterback player team-mate teammate"""
)
_MEDIA_WORDS = _words(
    """journalist reporter correspondent columnist writer insider pundit presenter commentator analyst
    expert broadcaster editor blogger host"""
)
_FORMER_WORDS = _words("former ex ex- previous one-time erstwhile then old")
# "potential Newcastle boss X": a manager-to-be, not the one in the job (counted like "former").
_FUTURE_WORDS = _words("potential prospective future next would-be incoming possible likely new-look")
_INTERIM_WORDS = _words("interim caretaker acting temporary")


@dataclass(frozen=True, slots=True)
class LeftRole:
    kind: str  # "manager" | "exec" | "player" | "media"
    former: bool
    interim: bool
    word_start: int  # offset of the role word, to find "<Club> manager"


def left_role(low: str, start: int) -> LeftRole | None:
    """The role word just before a name (up to a comma or colon), read word by word."""
    base = max(0, start - 60)
    window = low[base:start].rstrip(" ,:")
    if not window or window[-1] in '.!?;)"':
        return None
    cut = len(window)
    while cut > 0 and (window[cut - 1].isalnum() or window[cut - 1] in "'-"):
        cut -= 1
    last = window[cut:]
    if not (last in _EXEC_WORDS or last in _MANAGER_WORDS or last in _PLAYER_WORDS or last in _MEDIA_WORDS):
        return None  # the common case, decided without splitting the window
    at = cut
    before = window[:cut].replace(",", " ").replace(":", " ").split()[-6:]
    if last in _EXEC_WORDS or (last == "manager" and before[-1:] == ["general"]):
        return LeftRole("exec", False, False, base + at)
    if last in _MANAGER_WORDS:
        former = any(w in _FORMER_WORDS or w in _FUTURE_WORDS or w.startswith("ex-") for w in before[-5:])
        interim = bool(before) and (
            before[-1] in _INTERIM_WORDS
            or (before[-1] == "head" and before[-2:-1] in (["interim"], ["caretaker"]))
        )
        if last == "coach" and before[-1:] == ["head"]:
            at = window.rfind("head", 0, cut)
        return LeftRole("manager", former, interim, base + at)
    if last in _PLAYER_WORDS:
        if any(w in _FORMER_WORDS or w.startswith("ex-") for w in before[-4:]):
            return None  # a former player (a club legend) may well be tipped as coach
        return LeftRole("player", False, False, base + at)
    if last in _MEDIA_WORDS:
        return LeftRole("media", False, False, base + at)
    return None


_AFTER_MANAGER = re.compile(
    rf"^(?:'s?\s+(?:side|men|team|charges|squad|tenure|reign|future|job|position|players|sacking|"
    rf"dismissal|departure|exit|spell|project|tactics|selection)\b"
    rf"|,\s+(?:the|who is the|who is)\s+[\w\s\-']{{0,30}}?\b{ROLE_MANAGER}\b(?!\s+of\s+the\s+year))"
)
_AFTER_FORMER = re.compile(r"^,\s+(?:the\s+)?(?:former|ex-|ex\s|previous)")
_AFTER_EXEC = re.compile(
    r"^,\s+(?:the\s+)?(?:club's\s+)?(?:president|chairman|owner|co-owner|chief executive|ceo|"
    r"sporting director|director of football|technical director|general manager)\b"
)
_AFTER_MEDIA = re.compile(r"^,?\s+(?:told|tweeted|wrote|writes|posted|reported|reports)\b")


def role_before(doc: Doc, start: int) -> str | None:
    role = left_role(doc.low, start)
    return role.kind if role is not None and role.kind in ("exec", "manager") else None


def read_roles(
    doc: Doc, people: dict[str, Entity], clubs: dict[str, Entity], mentions: list[tuple[int, int, str]]
) -> None:
    low = doc.low
    club_ends = sorted((e, s, k) for s, e, k in mentions if k in clubs)  # by end, for bisecting
    for s, e, key in mentions:
        ent = people.get(key)
        if ent is None:
            continue
        role = left_role(low, s)
        if role is not None and role.kind == "manager":
            if role.former:
                ent.former_role += 1
            elif role.interim:
                ent.interim_role += 1
            else:
                ent.manager_role += 1
                club = _club_just_before(club_ends, role.word_start)
                if club:
                    ent.role_clubs.append(club)
        elif role is not None and role.kind == "exec":
            ent.exec_role += 1
        elif role is not None and role.kind == "player":
            ent.player_role += 1
        elif role is not None and role.kind == "media":
            ent.media_role += 1
        right = low[e : e + 70]
        if _AFTER_FORMER.match(right):
            ent.former_role += 1
        elif _AFTER_MANAGER.match(right):
            ent.manager_role += 1
        elif _AFTER_EXEC.match(right):
            ent.exec_role += 1
        elif _AFTER_MEDIA.match(right):
            ent.media_role += 1


# "the " first (checked for a word start after it), so `re` can search for that literal.
_ROLE_PHRASE = re.compile(
    r"the (?<!\wthe )(?P<who>(?:[\w'-]+ ){0,3}?)(?:manager|head coach|coach|boss|gaffer|tactician|technician"
    r"|strategist"
    r"|helmsman)\b(?! of the)"
)


def role_phrases(
    doc: Doc, people: dict[str, Entity], clubs: dict[str, Entity], mentions: list[tuple[int, int, str]]
) -> None:
    """ "..., the Marseille coach said": a bare role phrase names the person just mentioned."""
    low = doc.low
    ordered = sorted((e, key) for _s, e, key in mentions if key in people)
    person_ends = [e for e, _key in ordered]
    club_starts = [s for s, _e, key in mentions if key in clubs]
    club_spans = [(s, e, key) for s, e, key in mentions if key in clubs]
    for m in _ROLE_PHRASE.finditer(low):
        after = doc.text[m.end() : m.end() + 2]
        if _SPACE_LOWER.match(after) is None and after.strip()[:1].isupper():
            continue  # "the Chelsea manager Graham Potter": the name follows, handled as a left role
        if _NOT_HIM.search(m.group("who")):
            continue
        i = bisect_left(person_ends, m.start() + 1) - 1
        if i < 0 or m.start() - person_ends[i] > 200:
            continue
        ent = people[ordered[i][1]]
        if ent.exec_role or ent.player_role or ent.media_role:
            continue
        ent.manager_role += 1
        first = bisect_left(club_starts, m.start())
        last = bisect_left(club_starts, m.end())
        ent.role_clubs.extend(key for _s, e, key in club_spans[first:last] if e <= m.end())


_SPACE_LOWER = re.compile(r"\s+[a-z]")
_NOT_HIM = re.compile(r"\b(?:former|ex-|previous|next|new|opposing|rival|other|assistant|under-\d+|u\d+)\b")


def _club_just_before(club_spans: list[tuple[int, int, str]], pos: int) -> str | None:
    """The club named immediately before a role word ("Real Madrid manager ..."); spans sorted by end."""
    i = bisect_left(club_spans, (pos + 1,)) - 1
    if i < 0:
        return None
    end, key = club_spans[i][0], club_spans[i][2]
    return key if pos - end <= 4 else None
