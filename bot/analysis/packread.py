"""Reading a text with a language pack: cues, the modifiers around them, dates and name lists
(names a pack makes plain: packnames.py).

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

from bot.analysis.names import name_runs
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
    return body is not None and word_list(rf"(?<!\w)(?:{body})(?!\w)").search(marker) is not None


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
    return _before_year(pack, "event")


def _before_year(pack: Pack, name: str) -> re.Pattern[str] | None:
    body = pack.lists.get(name)
    return word_list(rf"(?<!\w){body}[\s\-]*$") if body is not None else None


def history_year(pack: Pack, doc: Doc, cue: PackCue, now: int) -> int | None:
    """A year in the cue's sentence before the article's own year (`cues.reference_year`: the
    publication year, else the latest year the article mentions), with no current year beside it."""
    sentence = doc.low[cue.sentence.start : cue.sentence.end][: REACH_CHARS * 2]
    if not any(map(str.isdigit, sentence)):
        return None
    base = cue.sentence.start
    event = pack_event(pack)
    # "en poste depuis 2019", "since 2019": the start of what still runs, not when the cue happened
    since = _before_year(pack, "since")
    years = [
        int(m.group())
        for m in _YEAR.finditer(sentence)
        # "Salernitana 1919" names a club, "WM 2018" or "Mundial 2022" a competition: no dates
        if not _after_name(doc.text, base, base + m.start())
        and not (event is not None and event.search(sentence, max(0, m.start() - 40), m.start()))
        and not (since is not None and since.search(sentence, max(0, m.start() - 40), m.start()))
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


@cache
def word_list(body: str) -> re.Pattern[str]:
    """A compiled `[lists]` alternation with its surroundings, compiled once per body."""
    return re.compile(body)
