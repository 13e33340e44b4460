"""Reading a text with a language pack: cues, the modifiers around them, dates, and framed names.

Language-neutral: every word comes from the pack (bot/analysis/packs/*.toml). The modifiers'
effects are fixed here, once, and compose with every cue (SCHEMA.md "modifiers"):
history → 0; voluntary (a departure of his own choosing) 3 → 0; negation: ≥2 → 1, 1 → 0;
denial: ≥2 → 1; hypothetical and modality: 3 → 2; `reported` and `club_statement` only mark the cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from bot.analysis.entities import NAME_RUN, name_runs, surname_key
from bot.analysis.packs import Pack
from bot.analysis.packs.phrases import compile_phrase
from bot.analysis.text import Doc, Sentence, fold_keep

# How far (characters) a cue's context is read at most: bounded so one giant sentence stays linear.
REACH_CHARS = 400
_YEAR = re.compile(r"(?<![0-9])(1[89][0-9][0-9]|20[0-9][0-9])(?![0-9])")


_ANY_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9][0-9](?![0-9])")
# With no publication date, an article is taken to be from its latest year mentioned, and no older
# than this: a year before it is history ("sacked in 2008"), the article's own year is news.
UNDATED_FLOOR_YEAR = 2020


def reference_year(doc: Doc, published_year: int | None) -> int:
    """The article's own year: its publication year, else its latest year mentioned (at least
    UNDATED_FLOOR_YEAR), so "In 2026 Real Madrid sacked X" is news and "sacked in 2008" history."""
    if published_year is not None:
        return published_year
    years = [int(y) for y in _ANY_YEAR.findall(doc.low)]
    return max([UNDATED_FLOOR_YEAR, *years])


@dataclass(slots=True)
class PackCue:
    id: str
    base: int
    level: int
    start: int
    end: int
    sentence: Sentence
    phrase: str
    reported: bool = False
    club_statement: bool = False
    # The cue's sacking is denied: a sacking negated ("will not be sacked", "no plans to sack") or
    # a report of it denied in so many words ("the club deny", "desmiente", "smentisce").
    denied: bool = False
    steps: list[str] = field(default_factory=list)


# At most this many cues are read per article: a real one has a few dozen, and the bound keeps a
# text made of nothing but cues cheap.
MAX_CUES = 200


def find_pack_cues(
    pack: Pack,
    doc: Doc,
    published: datetime | None,
    keep: Callable[[Sentence], bool] | None = None,
    now: int | None = None,
) -> list[PackCue]:
    """Every cue of the pack in the text (in sentences `keep` accepts), minus those inside a trap,
    each adjusted by its context. Where cues overlap, the earliest start wins, then the higher level.
    `now` is the article's year when the caller has it (else from `published` and the text)."""
    if now is None:
        now = reference_year(doc, published.year if published else None)
    traps: list[tuple[int, int]] | None = None  # scanned only once a cue is there to be trapped
    found: list[tuple[int, int, int, str]] = []
    for cue, m in pack.cue_scan.finditer(doc.low) if pack.cue_scan else ():
        s, e = m.span()
        if traps is None:
            traps = [t.span() for _t, t in pack.trap_scan.finditer(doc.low)] if pack.trap_scan else []
        if any(ts <= s and e <= te for ts, te in traps):
            continue
        found.append((s, -cue.level, e, cue.id))
    out: list[PackCue] = []
    last_end = -1
    for s, neg_level, e, cue_id in found:
        if s < last_end:
            continue  # overlaps a stronger or earlier cue
        last_end = e
        sentence = doc.sentence_at(s)
        if keep is not None and not keep(sentence):
            continue
        if len(out) == MAX_CUES:
            break
        found_cue = PackCue(cue_id, -neg_level, -neg_level, s, e, sentence, doc.text[s:e])
        adjust(pack, doc, found_cue, now)
        out.append(found_cue)
    return out


def adjust(pack: Pack, doc: Doc, cue: PackCue, now: int) -> None:
    """Apply the pack's modifiers (and dates: `now` is the article's year) to one cue, recording
    each step taken. Modifiers are looked for in precedence order and only where they could still
    change the level (a level-1 cue needs no modality check): most cues are murmurs."""
    before = doc.low[max(cue.sentence.start, cue.start - REACH_CHARS) : cue.start]
    after = doc.low[cue.end : min(cue.sentence.end, cue.end + REACH_CHARS)]
    mods = pack.modifiers
    # Modifiers share the same words: the cue's surroundings are cut into words once, as far as
    # the widest reach asked for, and each marker list is searched within its own reach.
    back, ahead = _Cuts(before, backward=True), _Cuts(after, backward=False)

    def hit(name: str) -> str | None:
        mod = mods.get(name)
        if mod is None:
            return None
        if mod.before is not None and mod.reach_before:
            m = mod.before.search(before, back.at(mod.reach_before))
            if m is not None:
                return m.group().strip()
        if mod.after is not None and mod.reach_after:
            m = mod.after.search(after, 0, ahead.at(mod.reach_after))
            if m is not None:
                return m.group().strip()
        return None

    cue.reported = bool(reported := hit("reported"))
    cue.club_statement = bool(statement := hit("club_statement"))
    level = cue.base
    year = history_year(pack, doc, cue, now)
    if history := hit("history") or (f"year {year} before the article's" if year is not None else None):
        level = 0
        cue.steps.append(f"history: {history!r} -> 0")
    elif level == 3 and (voluntary := hit("voluntary")):
        level = 0
        cue.steps.append(f"voluntary: {voluntary!r} -> 0 (his own choice, not pressure)")
    elif negation := hit("negation"):
        level = 1 if level >= 2 else 0
        cue.denied = cue.base == 3
        cue.steps.append(f"negation: {negation!r} -> {level}" + (" (denied)" if cue.denied else ""))
    elif level >= 2 and (denial := hit("denial")):
        level = 1
        cue.denied = denies(pack, denial)
        cue.steps.append(f"denial: {denial!r} -> 1" + (" (denied)" if cue.denied else ""))
    elif level == 3:
        # A question is not a statement, in any language: "Should Arsenal sack Arteta?"
        question = doc.text[cue.sentence.start : cue.sentence.end].rstrip(" \"'»)").endswith("?")
        hypothetical = hit("hypothetical") or ("a question" if question else None)
        which, marker = ("hypothetical", hypothetical) if hypothetical else ("modality", hit("modality"))
        if marker:
            level = 2
            cue.steps.append(f"{which}: {marker!r} -> 2")
    if reported:
        cue.steps.append(f"reported: {reported!r}")
    if statement:
        cue.steps.append(f"club statement: {statement!r}")
    cue.level = level


def denies(pack: Pack, marker: str) -> bool:
    """The denial marker says the report is denied or false (the pack's `[lists] deny`: "denied",
    "desmiente", "smentisce", "dementiert", "dément"), not merely that it is talk ("rumours of")."""
    body = pack.lists.get("deny")
    return body is not None and _word_list(rf"(?<!\w)(?:{body})(?!\w)").search(marker) is not None


class _Cuts:
    """Where `last_words` (`backward`) or `first_words` would cut `text` for each word count,
    found word by word only as far as asked: `text[at(n):]` is `last_words(text, n)`, and
    `text[:at(n)]` is `first_words(text, n)`."""

    def __init__(self, text: str, *, backward: bool) -> None:
        self.text, self.backward = text, backward
        self.cuts: list[int] = []
        self.pos = len(text.rstrip()) if backward else len(text) - len(text.lstrip())
        self.done = False

    def at(self, n: int) -> int:
        text, cuts = self.text, self.cuts
        while len(cuts) < n and not self.done:
            if self.backward:
                cut = text.rfind(" ", 0, self.pos)
                if cut == -1:
                    self.done = True
                    break
                while cut > 0 and text[cut - 1] == " ":
                    cut -= 1
            else:
                cut = text.find(" ", self.pos)
                if cut == -1:
                    self.done = True
                    break
                while cut < len(text) and text[cut] == " ":
                    cut += 1
            self.pos = cut
            cuts.append(cut)
        if len(cuts) >= n:
            return cuts[n - 1]
        return 0 if self.backward else len(text)


def last_words(text: str, n: int) -> str:
    """The end of `text` holding its last `n` words (and the space before the cue)."""
    pos = len(text.rstrip())
    for _ in range(n):
        cut = text.rfind(" ", 0, pos)
        if cut == -1:
            return text
        pos = cut
        while pos > 0 and text[pos - 1] == " ":
            pos -= 1
    return text[pos:]


def first_words(text: str, n: int) -> str:
    """The start of `text` holding its first `n` words."""
    pos = len(text) - len(text.lstrip())
    for _ in range(n):
        cut = text.find(" ", pos)
        if cut == -1:
            return text
        pos = cut
        while pos < len(text) and text[pos] == " ":
            pos += 1
    return text[:pos]


def pack_event(pack: Pack) -> re.Pattern[str] | None:
    """The pack's `[lists] event` (competition words: "WM", "Mundial", "Euro") right before a year,
    which then names the competition ("WM 2018"), not a date."""
    body = pack.lists.get("event")
    return _word_list(rf"(?<!\w){body}[\s\-]*$") if body is not None else None


def history_year(pack: Pack, doc: Doc, cue: PackCue, now: int) -> int | None:
    """A year in the cue's sentence before the article's own year (`cues.reference_year`: the
    publication year, else the latest year the article mentions), with no current year beside it."""
    sentence = doc.low[cue.sentence.start : cue.sentence.end][: REACH_CHARS * 2]
    if not any(map(str.isdigit, sentence)):
        return None
    base = cue.sentence.start
    event = pack_event(pack)
    years = [
        int(m.group())
        for m in _YEAR.finditer(sentence)
        # "Salernitana 1919" names a club, "WM 2018" or "Mundial 2022" a competition: no dates
        if not _after_name(doc.text, base, base + m.start())
        and not (event is not None and event.search(sentence, max(0, m.start() - 40), m.start()))
    ]
    if not years:
        return None
    past = [y for y in years if y < now]
    if past and not any(y >= now for y in years):
        return past[0]
    return None


_SETBACK: dict[str, re.Pattern[str] | None] = {}


def _setback(pack: Pack) -> re.Pattern[str] | None:
    """ "{because_of} ~4 {setback}" in the pack's own words ("after the defeat", "tras la
    eliminación"), when it lists both (compiled once per pack)."""
    if pack.lang not in _SETBACK:
        phrase = (
            compile_phrase("{because_of} ~4 {setback}", pack.lists)
            if "setback" in pack.lists and "because_of" in pack.lists
            else None
        )
        _SETBACK[pack.lang] = re.compile(phrase.regex) if phrase else None
    return _SETBACK[pack.lang]


def after_setback(pack: Pack, doc: Doc, cue: PackCue) -> bool:
    """The departure's sentence says what pushed him, before or after the cue: "resigned after the
    defeat to Spain", "Luego de la eliminación, X deja de ser el técnico"."""
    pattern = _setback(pack)
    end = min(cue.sentence.end, cue.sentence.start + REACH_CHARS * 2)
    return pattern is not None and pattern.search(doc.low, cue.sentence.start, end) is not None


LIST_ITEMS = 3  # names in one enumeration ("A, B, C and D have all been sacked") that make it a list


def is_name_list(pack: Pack, doc: Doc, sentence: Sentence) -> bool:
    """The sentence enumerates names ("A (X), B (Y), C and D ..."): a list of many people's fates,
    so a decision in it is no decision about one manager."""
    text = doc.text[sentence.start : sentence.end][: REACH_CHARS * 3]
    if text.count(",") < LIST_ITEMS - 1:
        return False
    joiner = pack.lists.get("and")
    and_re = re.compile(rf"\s*(?:\([^()]{{0,40}}\)\s*)?(?:,|{joiner}(?!\w))") if joiner else None
    items = 0
    for s, e in name_runs(text):
        if " " not in text[s:e].strip():
            continue  # full names only: a list of people, not of capitalised words
        nxt = and_re.match(fold_keep(text[e : e + 60]).lower()) if and_re else None
        if nxt is not None or text[e : e + 1] == ",":
            items += 1
    return items >= LIST_ITEMS


def _after_name(text: str, sentence_start: int, pos: int) -> bool:
    """The word right before `pos` is capitalised and not the sentence's first word (a year inside
    a name: "Hertha 1892"; not "In 2019 ...")."""
    end = pos
    while end > sentence_start and text[end - 1] == " ":
        end -= 1
    start = end
    while start > sentence_start and text[start - 1].isalpha():
        start -= 1
    first = not text[sentence_start:start].strip(" \"'«¿¡([")
    return end > start and text[start].isupper() and not first


def is_name_shaped(surface: str) -> bool:
    """Capitalised words in mixed case ("Carlo Ancelotti", "Marc-André ter Stegen"): not an
    all-capitals shout ("NEIL", "UFFICIALE") and not a lowercase phrase."""
    letters = [ch for ch in surface if ch.isalpha()]
    return bool(letters) and surface[:1].isupper() and any(ch.islower() for ch in letters)


@cache
def _word_list(body: str) -> re.Pattern[str]:
    return re.compile(body)


def not_name_word(pack: Pack, word: str) -> bool:
    """The word is in the pack's `[lists] not_name` (articles, prepositions, common nouns: "El",
    "Mannschaft"): never a name or part of one."""
    body = pack.lists.get("not_name")
    if body is None:
        return False
    return _word_list(body).fullmatch(fold_keep(word.strip(".,;:!?\"'«»()")).lower()) is not None


def _capital_not_name(pack: Pack, word: str) -> bool:
    """A capitalised `not_name` word ("El", "Mannschaft"); lowercase particles ("del" in "Vicente
    del Bosque") stay part of a name."""
    return word[:1].isupper() and not_name_word(pack, word)


def is_person_name(pack: Pack, name: str) -> bool:
    """No capitalised word of `name` is a `not_name` word, and it is name-shaped."""
    words = name.split()
    return (
        is_name_shaped(name)
        and not any(_capital_not_name(pack, w) for w in words)
        and not _article_between_nouns(pack, words)
    )


def _article_between_nouns(pack: Pack, words: list[str]) -> bool:
    """Where every noun is capitalised, a lowercase `not_name` word right after a capitalised one
    is an article joining two nouns ("Coaches der Bundesliga-Teams"), not a name's particle, which
    follows another particle or opens the surname ("Rafael van der Vaart", "Heinz von der Heyde")."""
    if not pack.nouns_capitalised:
        return False
    return any(
        w[:1].islower() and words[i - 1][:1].isupper() and not_name_word(pack, w)
        for i, w in enumerate(words)
        if i
    )


def name_span(pack: Pack, text: str, s: int, e: int) -> tuple[int, int] | None:
    """The name in the capitalised run `text[s:e]`: `not_name` words trimmed off both ends; None
    when one is left inside it, or what is left is no name (`is_name_shaped`)."""
    words = text[s:e].split(" ")
    while words and (not words[0] or _capital_not_name(pack, words[0])):
        s += len(words.pop(0)) + 1
    while words and (not words[-1] or _capital_not_name(pack, words[-1])):
        e -= len(words.pop()) + 1
    if not words or any(_capital_not_name(pack, w) for w in words) or _article_between_nouns(pack, words):
        return None
    surface = text[s:e]
    return (s, e) if surface.strip() == surface and is_name_shaped(surface) else None


@dataclass(frozen=True, slots=True)
class Framed:
    """A capitalised name a pack frame says something about ("el técnico {person}")."""

    kind: str
    frame_id: str
    start: int
    end: int
    surface: str


def framed_names(pack: Pack, doc: Doc) -> list[Framed]:
    """Names in frame slots, in text order. A name is a capitalised run in the original text right
    after (or before) the frame's words; nothing else is a name."""
    text = doc.text
    by_end: dict[int, int] | None = None
    out: list[Framed] = []
    for frame, m in pack.frame_scan.finditer(doc.low) if pack.frame_scan else ():
        if frame.phrase.slot_side == "after":
            pos = m.end()
            while pos < len(text) and text[pos] == " ":
                pos += 1
            run = NAME_RUN.match(text, pos)
            # The name follows after a space, or glued to an elided article ("d'Inzaghi").
            if run is None or (pos == m.end() and doc.low[m.end() - 1 : m.end()] != "'"):
                continue
            s, e = run.span()
            if e < len(text) and (text[e].isalnum() or text[e] == "_"):
                continue  # the run is the start of a longer word ("UFFIcIALE")
        else:
            if by_end is None:
                by_end = {e: s for s, e in name_runs(text)}
            e = m.start()
            while e > 0 and text[e - 1] == " ":
                e -= 1
            if e not in by_end:
                continue
            s = by_end[e]
        if text[e - 2 : e] == "'s":
            e -= 2
        span = name_span(pack, text, s, e)
        if span is not None:
            out.append(Framed(frame.kind, frame.id, span[0], span[1], text[span[0] : span[1]]))
    out.sort(key=lambda f: f.start)
    return out


# How far (characters) after a role word its person may be named: "el técnico argentino del Getafe,
# José Bordalás"; further on, a name is as likely the subject of another clause.
ROLE_REACH = 48
ROLE_WORDS = 6  # at most this many words between the role word and the name
_CLAUSE_END = re.compile(r"[;:!?()\"«»\[\]]|\s[-–—]\s")


SUCCESSOR_REACH = 64  # characters after a successor word ("sustituto", "Nachfolger") its names may sit in
SUCCESSOR_NAMES = 2  # full names read after one successor word ("el favorito de X es Y")


def successor_appositions(
    pack: Pack, doc: Doc, club_spans: list[tuple[int, int]], surnames: set[str] | None = None
) -> list[Framed]:
    """Full names written shortly after one of the pack's `[lists] successor` words ("in pole per
    la panchina c'è Fabio Liverani", "Nachfolger: Heiko Scholz"), up to two: one may be the outgoing
    manager ("el sustituto de Ronald Koeman será Xavi"), whom the successor list later drops. In a
    list, a lone word counts only when it is one of `surnames` (people the text or registry knows)."""
    words = pack.lists.get("successor")
    if words is None:
        return []
    text = doc.text
    out: list[Framed] = []
    for m in _word_list(rf"(?<!\w){words}(?!\w)").finditer(doc.low):
        sentence = doc.sentence_at(m.start())
        end = min(sentence.end, m.end() + SUCCESSOR_REACH)
        stop = _CLAUSE_END.search(text, m.end(), end)
        pos = m.end()
        if stop is not None and text[stop.start()] == ":" and stop.start() - m.end() <= LIST_LEAD:
            # "Molti i nomi in corsa: da A a B, passando per C, D o E": the list to the sentence's end.
            out.extend(_listed(pack, text, stop.end(), sentence.end, club_spans, surnames or set()))
            continue
        end = stop.start() if stop is not None else end
        for _ in range(SUCCESSOR_NAMES):
            found = _first_name_run(pack, text, pos, end, club_spans, skip_single=True)
            if found is None:
                break
            out.append(
                Framed("successor", "successor_apposition", found[0], found[1], text[found[0] : found[1]])
            )
            pos = found[1]
    return out


LIST_LEAD = 24  # characters between a successor word and the colon that opens its list of names
LIST_NAMES = 8  # names read from one such list at most


def _listed(
    pack: Pack, text: str, start: int, end: int, club_spans: list[tuple[int, int]], surnames: set[str]
) -> list[Framed]:
    """The capitalised names of a list, clubs passed over; a lone word only when it is a known
    surname (in German every noun is capitalised)."""
    out: list[Framed] = []
    for s, e in name_runs(text[start : min(end, start + REACH_CHARS)]):
        s, e = s + start, e + start
        if any(cs < e and s < ce for cs, ce in club_spans):
            continue
        span = _known_person(pack, text, s, e, surnames)
        if span is not None:
            out.append(Framed("successor", "successor_list", span[0], span[1], text[span[0] : span[1]]))
        if len(out) == LIST_NAMES:
            break
    return out


def coordinated(pack: Pack, doc: Doc, framed: list[Framed], surnames: set[str]) -> list[Framed]:
    """Names joined by the pack's `and` to a framed successor or interim share its frame: "Scholz
    und Zandi übernehmen vorerst", "a Cannavaro e De Rossi" (a lone word only when it is one of
    `surnames`, as in `_listed`)."""
    joiner = pack.lists.get("and")
    if joiner is None:
        return []
    text = doc.text
    after = _word_list(rf"[ ]*,?[ ]*(?<!\w)(?:{joiner})[ ]+")
    before = _word_list(rf"[ ]+(?:{joiner})[ ]+$")
    out: list[Framed] = []
    for f in framed:
        if f.kind not in ("successor", "interim"):
            continue
        m = after.match(doc.low, f.end)
        run = NAME_RUN.match(text, m.end()) if m is not None else None
        span = _known_person(pack, text, *run.span(), surnames) if run is not None else None
        if span is not None:
            out.append(Framed(f.kind, f.frame_id, span[0], span[1], text[span[0] : span[1]]))
        b = before.search(doc.low, max(0, f.start - 12), f.start)
        if b is not None:
            base = max(0, b.start() - 40)
            back = [r for r in name_runs(text[base : b.start()]) if r[1] == b.start() - base]
            span = (
                _known_person(pack, text, base + back[-1][0], base + back[-1][1], surnames) if back else None
            )
            if span is not None:
                out.append(Framed(f.kind, f.frame_id, span[0], span[1], text[span[0] : span[1]]))
    return out


def _known_person(pack: Pack, text: str, s: int, e: int, surnames: set[str]) -> tuple[int, int] | None:
    """`name_span` of the run, when it is a full name or a lone known surname."""
    span = name_span(pack, text, s, e)
    if span is None or (
        " " not in text[span[0] : span[1]] and surname_key(text[span[0] : span[1]]) not in surnames
    ):
        return None
    return span


def role_appositions(pack: Pack, doc: Doc, club_spans: list[tuple[int, int]]) -> list[Framed]:
    """Full names written shortly after one of the pack's role words, past adjectives and the
    club's name ("l'allenatore dell'Udinese Luca Gotti", "Trainer des MSV Duisburg, Pavel Dotchev"):
    the role word names his job as a frame would. A run inside a club's name (`club_spans`) is
    skipped; the first other capitalised run decides (a full name, or nothing)."""
    role = pack.lists.get("role")
    if role is None:
        return []
    former = pack.lists.get("former")
    interim = pack.lists.get("interim")
    text = doc.text
    out: list[Framed] = []
    for m in _word_list(rf"(?<!\w){role}(?!\w)").finditer(doc.low):
        sentence = doc.sentence_at(m.start())
        end = min(sentence.end, m.end() + ROLE_REACH)
        stop = _CLAUSE_END.search(text, m.end(), end)
        if stop is not None:
            end = stop.start()
        found = _first_name_run(pack, text, m.end(), end, club_spans)
        if found is None:
            continue
        s, e = found
        before = last_words(doc.low[sentence.start : m.start()], 2)
        after = first_words(doc.low[m.end() : s], 2)
        kind = "manager"
        if former is not None and _word_list(rf"(?<!\w){former}(?!\w)").search(before):
            kind = "former"
        elif interim is not None and _word_list(rf"(?<!\w){interim}(?!\w)").search(before + " " + after):
            kind = "interim"
        out.append(Framed(kind, "role_apposition", s, e, text[s:e]))
    return out


def _first_name_run(
    pack: Pack,
    text: str,
    start: int,
    end: int,
    club_spans: list[tuple[int, int]],
    skip_single: bool = False,
) -> tuple[int, int] | None:
    """The first capitalised run in text[start:end] outside a club's name, when it is a full name
    (two words or more) no more than ROLE_WORDS words after `start`; with `skip_single`, one-word
    runs (a surname, a place) are passed over instead of ending the search."""
    pos = start
    while pos < end:
        run = NAME_RUN.search(text, pos, end)
        if run is None:
            return None
        s, e = run.span()
        if s and (text[s - 1].isalnum() or text[s - 1] in "_-"):
            pos = e  # glued to the word before: not a name's start
            continue
        if len(text[start:s].split()) > ROLE_WORDS:
            return None
        whole = NAME_RUN.match(text, s)
        e = whole.end() if whole is not None else e
        club_end = max((ce for cs, ce in club_spans if cs < e and s < ce), default=None)
        if club_end is not None:
            # "de Lyon Paul Mercier" is one capitalised run: the name is what follows the club.
            while club_end < e and text[club_end] == " ":
                club_end += 1
            if club_end >= e:
                pos = e
                continue
            s = club_end
        if e < len(text) and (text[e].isalnum() or text[e] == "_"):
            return None
        span = name_span(pack, text, s, e)
        if span is None or " " not in text[span[0] : span[1]]:
            if skip_single and " " not in text[s:e].strip():
                pos = e
                continue
            return None
        return span
    return None
