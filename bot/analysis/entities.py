"""People and clubs named in an article, each with the roles the text gives them.

Two sources, merged by surname: registry mentions (canonical names and keys) and capitalised name
runs found in the text itself, so a coach the registry does not know ("Castilla coach Raul Gonzalez")
is still found. Roles come from the words right around each mention: "manager X", "X's side",
"former boss X", "sporting director X", "striker X", "journalist X".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from weakref import WeakKeyDictionary, ref

from rapidfuzz import fuzz

from bot.analysis.sources import OUTLET_SPELLINGS
from bot.analysis.text import Doc, fold
from bot.registry.model import Club, Mention, Person
from bot.registry.registry import Registry


def _words(text: str) -> frozenset[str]:
    """A word set written as one readable block of text."""
    return frozenset(text.split())


_PARTICLES = frozenset(
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
_TOKEN = (
    rf"(?:[{_UP}](?:[{_LOW}]+|[{_UP}]{{1,3}}(?![{_LOW}]))(?:[{_UP}'\-][{_LOW}]+|-[{_UP}][{_LOW}]+)*|[{_UP}]\.)"
)
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
            while words and (not words[-1] or words[-1] in _PARTICLES):
                words.pop()
            if not words:
                continue
            me = ms + len(" ".join(words))
        yield ms, me


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

_ROLE_MANAGER = (
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
    rf"|,\s+(?:the|who is the|who is)\s+[\w\s\-']{{0,30}}?\b{_ROLE_MANAGER}\b(?!\s+of\s+the\s+year))"
)
_AFTER_FORMER = re.compile(r"^,\s+(?:the\s+)?(?:former|ex-|ex\s|previous)")
_AFTER_EXEC = re.compile(
    r"^,\s+(?:the\s+)?(?:club's\s+)?(?:president|chairman|owner|co-owner|chief executive|ceo|"
    r"sporting director|director of football|technical director|general manager)\b"
)
_AFTER_MEDIA = re.compile(r"^,?\s+(?:told|tweeted|wrote|writes|posted|reported|reports)\b")


@dataclass(slots=True)
class Entity:
    """One person (or club) and everything the text says around its mentions."""

    key: str
    name: str
    kind: str  # "person" | "club"
    registry_key: str | None = None
    registry_role: str | None = None
    registry_club: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    manager_role: int = 0
    former_role: int = 0
    interim_role: int = 0  # "interim boss X": the stand-in after a sacking, not the man under pressure
    exec_role: int = 0
    player_role: int = 0
    media_role: int = 0
    role_clubs: list[str] = field(default_factory=list)  # club entity keys seen as "<Club> manager X"
    object_hits: int | None = None  # memo for scoring.object_hits
    strong_object_hits: int | None = None

    @property
    def surname(self) -> str:
        return surname_key(self.name)


@dataclass(slots=True)
class Cast:
    """Everyone named in the article, in order of first mention."""

    people: dict[str, Entity]
    clubs: dict[str, Entity]
    mentions: list[tuple[int, int, str]]  # (start, end, entity key) in text order, people and clubs
    low: str = ""  # the folded article text the offsets index
    starts: list[int] = field(default_factory=list)  # mention starts, for bisecting

    def _window(self, start: int, end: int) -> list[tuple[int, int, str]]:
        if len(self.starts) != len(self.mentions):
            self.starts = [s for s, _e, _k in self.mentions]
        return self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def people_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        return [
            (s, e, self.people[k]) for s, e, k in self._window(start, end) if e <= end and k in self.people
        ]

    def clubs_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        return [(s, e, self.clubs[k]) for s, e, k in self._window(start, end) if e <= end and k in self.clubs]


_LEGAL = _words(
    """
    fc cf afc sc ac as ss ssc us sad cfc f.c. c.f. ogc osc sl tsg sv vfl vfb rcd rc cd ud ca bsc fk sk nk gnk
    hnk pfc rsc krc
    """
)


@lru_cache(maxsize=4096)
def club_display_name(club: Club) -> str:
    """The name the English-language press uses: the official name without legal affixes and years
    ("Real Madrid CF" -> "Real Madrid"), or its English alias when the official name is not
    English ("FC Bayern München" -> "Bayern Munich"), else the short name."""
    words = [w for w in club.name.split() if not w.strip(".").isdigit()]
    while len(words) > 1 and words[-1].lower() in _LEGAL:
        words.pop()
    while len(words) > 1 and words[0].lower() in _LEGAL:
        words.pop(0)
    stripped = " ".join(words)
    if stripped.isascii():
        return stripped
    first = fold(words[0])
    for alias in club.aliases:
        if alias.isascii() and len(alias.split()) > 1 and fold(alias.split()[0]) == first:
            return alias
    return club.short_name or stripped


def surname_key(name: str) -> str:
    """The folded last word of a name, the key that links "Erik ten Hag" and "Ten Hag"."""
    words = fold(name).replace("'s", "").split()
    return words[-1].strip(".'-") if words else ""


@lru_cache(maxsize=32768)
def _strip_offsets(run: str) -> tuple[int, int]:
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
def _is_person_run(surface: str) -> bool:
    folded = fold(surface)
    words = folded.split()
    return (
        bool(words)
        and not surface.isupper()  # "NEIL", "BREAKING NEWS": shouted headline words or acronyms
        and folded not in OUTLET_SPELLINGS
        and not any(w.strip(".'") in _NON_PERSON for w in words)
    )


def _shouted(surface: str) -> bool:
    """One all-capitals word ("NEIL", "UFFICIALE"): a shout or an abbreviation, never a person."""
    return " " not in surface and len(surface) > 1 and surface.isupper()


def build_cast(doc: Doc, registry: Registry | None) -> Cast:
    """Find every person and club, merge mentions of the same person, and read their roles."""
    text = doc.text
    people: dict[str, Entity] = {}
    clubs: dict[str, Entity] = {}
    mentions: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    registry_mentions: Iterable[Mention] = registry.find_mentions(text) if registry is not None else ()
    for rm in registry_mentions:
        if registry is None:
            break
        if rm.kind == "club" and rm.key not in clubs:
            club = registry.clubs[rm.key]
            clubs[rm.key] = Entity(rm.key, club_display_name(club), "club", rm.key)
        elif rm.kind == "person" and rm.key not in people:
            person = registry.people[rm.key]
            people[rm.key] = Entity(rm.key, person.name, "person", rm.key, person.role, person.club_key)
        mentions.append((rm.start, rm.end, rm.key))
        taken.append((rm.start, rm.end))

    covered = bytearray(len(text) + 1)
    for ts, te in taken:
        covered[ts:te] = b"\x01" * (te - ts)

    def overlaps(s: int, e: int) -> bool:
        return covered.find(1, s, e) != -1

    runs: list[tuple[int, int, str]] = []
    for ms, me in name_runs(text):
        if ms and (text[ms - 1].isalnum() or text[ms - 1] in "'_"):
            continue
        if covered.find(0, ms, me) == -1:
            continue  # wholly inside registry mentions: whatever stripping leaves overlaps them
        head, tail = _strip_offsets(doc.low[ms:me])
        s, e = ms + head, me - tail
        if e <= s or overlaps(s, e):
            continue
        surface = text[s:e]
        if surface.endswith("'s") or surface.endswith("'"):
            e -= 2 if surface.endswith("'s") else 1
            surface = text[s:e]
        kind = _run_kind(registry, surface)
        if kind is False:
            _text_club(doc, registry, clubs, mentions, s, e, surface)
            continue
        if isinstance(kind, Club):  # an alias too ambiguous to scan for, unique on lookup ("Dundee")
            clubs.setdefault(kind.key, Entity(kind.key, club_display_name(kind), "club", kind.key))
            mentions.append((s, e, kind.key))
            continue
        if _VERB_AFTER.match(doc.text, e, e + 40) and _role_before(doc, s) is None:
            _text_club(doc, registry, clubs, mentions, s, e, surface)
            continue
        if (
            " " not in surface
            and _ROLE_AFTER.match(doc.low, e, e + 20)
            and not any(surname_key(p.name) == fold(surface) for p in people.values())
        ):
            _text_club(doc, registry, clubs, mentions, s, e, surface)
            continue
        runs.append((s, e, surface))

    _link_people(doc, registry, runs, people, mentions)
    mentions.sort()
    for s, e, key in mentions:
        ent = people.get(key) or clubs[key]
        ent.spans.append((s, e))
        ent.sentences.add(doc.sentence_at(s).index)
    _read_roles(doc, people, clubs, mentions)
    _role_phrases(doc, people, clubs, mentions)
    return Cast(people, clubs, mentions, doc.low)


_CLUB_WORDS = _words(
    """
    fc afc cf cd sc ac united city town rovers athletic atletico albion wanderers hotspur county
    villa palace forest
    """
)
# Words that make a capitalised run an organisation, competition or outlet, never a club of its own.
_NOT_CLUB_WORDS = _words(
    """
    trust project foundation consortium institute agency society network news press media group
    holdings league championship cup premier conference division federation association committee
    council academy
    """
)
_ROLE_AFTER = re.compile(rf"[ \t]+(?:interim\s+|caretaker\s+|head\s+)?{_ROLE_MANAGER}\b")


_DEMONYM_END = re.compile(r"(?:ian|an|ese|ish|ese)$")
_VERB_AFTER = re.compile(
    r"\s+(?:have\s+|has\s+)?(?:sacked|fired|fire|sack|sacks|fires|dismissed|dismiss|relieved|appointed|"
    r"appoint)\s+(?:(?:head\s+)?coach|manager|boss|[A-Z])"
)


def _text_club(
    doc: Doc,
    registry: Registry | None,
    clubs: dict[str, Entity],
    mentions: list[tuple[int, int, str]],
    s: int,
    e: int,
    surface: str,
) -> None:
    """A capitalised run that names a club the mention scan skipped: a registry alias too ambiguous
    to scan for ("Barcelona", "Inter") but unique on lookup, or a club-shaped name ("Leeds United",
    "Marseille coach", "Hertha Berlin fire coach")."""
    words = fold(surface).split()
    club = _club_named(registry, surface) if registry is not None and len(words) <= 4 else None
    if club is not None:
        clubs.setdefault(club.key, Entity(club.key, club_display_name(club), "club", club.key))
        mentions.append((s, e, club.key))
        return
    after = doc.low[e : e + 30]
    if len(words) == 1 and _DEMONYM_END.search(words[0]) and not set(words) & _CLUB_WORDS:
        return  # "the Valencian technician": a demonym, not a club name
    if set(words) & _NOT_CLUB_WORDS or fold(surface) in OUTLET_SPELLINGS:
        return  # "Premier League boss", "Trust Project": a competition or organisation
    clubby = set(words) & _CLUB_WORDS or _ROLE_AFTER.match(after) or _VERB_AFTER.match(doc.text, e, e + 40)
    if not clubby or len(words) > 4:
        return
    key = "club:" + " ".join(words)
    clubs.setdefault(key, Entity(key, surface, "club"))
    mentions.append((s, e, key))


def _link_people(
    doc: Doc,
    registry: Registry | None,
    runs: list[tuple[int, int, str]],
    people: dict[str, Entity],
    mentions: list[tuple[int, int, str]],
) -> None:
    """Give each name run an entity: full names by name (or the registry), surnames by nearest match.

    Two people may share a surname ("Marc Dos Santos" and his brother Philip): full names stay apart,
    and a bare surname goes to the last person with that surname named before it.
    """
    full = _FullNames({fold(p.name): k for k, p in people.items()})
    for s, e, surface in runs:
        words = surface.split()
        if len(words) < 2 or len(surface) > 40 or words[0].lower() in _PARTICLES:
            continue
        folded = fold(surface)
        key = full.find(folded)
        if key is None:
            key = _registry_person(registry, surface, people)
        if key is None:
            key = "txt:" + folded
            people[key] = Entity(key, surface, "person")
        full.add(folded, key)
        mentions.append((s, e, key))
    placed = sorted(mentions)
    suffixes: dict[str, list[str]] = {}
    for key, person in people.items():
        words = fold(person.name).split()
        for i in range(len(words)):
            suffixes.setdefault(" ".join(words[i:]), []).append(key)
    # "Ange has lost the dressing room": a first name alone, for someone the text also names in full.
    firsts: dict[str, list[str]] = {}
    for key in {k for _s, _e, k in placed if k in people}:
        words = fold(people[key].name).split()
        if len(words) >= 2 and len(words[0]) >= 3:
            firsts.setdefault(words[0], []).append(key)
    firsts = {name: keys for name, keys in firsts.items() if len(keys) == 1}
    for s, e, surface in runs:
        words = surface.split()
        if len(words) >= 2 and words[0].lower() not in _PARTICLES:
            continue
        folded = fold(surface)
        same = suffixes.get(folded) or firsts.get(folded)
        if not same:
            if _role_before(doc, s) != "manager":
                continue
            key = "txt:" + folded
            people[key] = Entity(key, surface, "person")
            suffixes[folded] = [key]
        else:
            key = _last_before(placed, s, same)
        mentions.append((s, e, key))


def _last_before(placed: list[tuple[int, int, str]], pos: int, keys: list[str]) -> str:
    """The last of `keys` mentioned before `pos` in `placed` (sorted), else the first of `keys`."""
    for i in range(bisect_left(placed, (pos,)) - 1, -1, -1):
        if placed[i][2] in keys:
            return placed[i][2]
    return keys[0]


class _FullNames:
    """Folded full names -> entity key, with the first-added name that one run's words end, or
    that ends them, found by dictionary lookups instead of a scan of every name per run."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names: dict[str, str] = {}
        self.order: dict[str, int] = {}
        self.tails: dict[str, list[str]] = {}  # a proper word-suffix -> the names ending in it
        for name, key in names.items():
            self.add(name, key)

    def add(self, name: str, key: str) -> None:
        if name in self.names:
            return
        self.names[name] = key
        self.order[name] = len(self.order)
        for i, char in enumerate(name):
            if char == " ":
                self.tails.setdefault(name[i + 1 :], []).append(name)

    def find(self, folded: str) -> str | None:
        """The key of `folded` itself, else of the earliest name it ends ("ten hag" in "erik ten
        hag") or that ends it."""
        if folded in self.names:
            return self.names[folded]
        found = list(self.tails.get(folded, ()))
        found += [folded[i + 1 :] for i, char in enumerate(folded) if char == " " and folded[i + 1 :] in self.names]
        return self.names[min(found, key=self.order.__getitem__)] if found else None


def _registry_person(registry: Registry | None, surface: str, people: dict[str, Entity]) -> str | None:
    """A registry person the text names with a variant spelling ("Raul Gonzalez", "van Nisterooy")."""
    if registry is None:
        return None
    person = _person_named(registry, surface) or _person_spelled_like(registry, surface)
    if person is None:
        return None
    if person.key not in people:
        people[person.key] = Entity(
            person.key, person.name, "person", person.key, person.role, person.club_key
        )
    return person.key


# Registry lookups are pure functions of (registry, text) and names repeat across articles, so they
# are memoised per registry object; weakly, so a registry replaced after a sacking is not kept alive.
class _Table(dict[tuple[str, str], Person | Club | bool | None]):
    """One registry's memo (a dict subclass, so that it can be referred to weakly)."""


_MEMO: WeakKeyDictionary[Registry, _Table] = WeakKeyDictionary()
_MEMO_LIMIT = 20_000
# The registry used last and its memo, both weakly: a WeakKeyDictionary lookup per name costs more
# than the lookup it saves, and nearly every call is for the same registry.
_LAST: tuple[Callable[[], Registry | None], Callable[[], _Table | None]] = (lambda: None, lambda: None)


def _table(registry: Registry) -> _Table:
    global _LAST
    last_registry, last_table = _LAST
    table = last_table()
    if table is not None and last_registry() is registry:
        return table
    table = _MEMO.get(registry)
    if table is None:
        table = _MEMO[registry] = _Table()
    _LAST = (ref(registry), ref(table))
    return table


def _memo(
    registry: Registry, kind: str, surface: str, compute: Callable[[], Person | Club | bool | None]
) -> object:
    table = _table(registry)
    key = (kind, surface)
    if key not in table:
        if len(table) >= _MEMO_LIMIT:
            table.clear()
        table[key] = compute()
    return table[key]


def _run_kind(registry: Registry | None, surface: str) -> bool | Club:
    """What a capitalised run is, by its words alone: False when it cannot be a person (an
    organisation, an outlet, a shout: maybe a club), a registry club when it is a club's alias and
    no person's name, else True (a person, if the context agrees). One memo lookup per run."""
    if registry is None:
        return _is_person_run(surface) and not _shouted(surface)

    def compute() -> bool | Club:
        if not _is_person_run(surface) or _shouted(surface):
            return False
        if len(surface) <= 30 and _person_named(registry, surface) is None:
            return _club_named(registry, surface) or True
        return True

    found = _memo(registry, "run", surface, compute)
    return found if isinstance(found, (bool, Club)) else True


def _person_named(registry: Registry, surface: str) -> Person | None:
    found = _memo(registry, "person", surface, lambda: registry.person_by_name(surface))
    return found if isinstance(found, Person) else None


def _club_named(registry: Registry, surface: str) -> Club | None:
    found = _memo(registry, "club", surface, lambda: registry.club_by_name(surface))
    return found if isinstance(found, Club) else None


def _person_spelled_like(registry: Registry, surface: str) -> Person | None:
    """Fuzzy, for variant spellings: same initial and a close overall spelling ("van Nisterooy")."""

    def compute() -> Person | None:
        wanted = fold(surface)
        for candidate in registry.suggest_people(surface, limit=1):
            name = fold(candidate.name)
            if name[:1] == wanted[:1] and fuzz.ratio(name, wanted) >= 88:
                return candidate
        return None

    found = _memo(registry, "fuzzy", surface, compute)
    return found if isinstance(found, Person) else None


def _role_before(doc: Doc, start: int) -> str | None:
    role = left_role(doc.low, start)
    return role.kind if role is not None and role.kind in ("exec", "manager") else None


def _read_roles(
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


def _role_phrases(
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
