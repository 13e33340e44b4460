"""Appointments read from the news: "X appointed head coach of Y", "el Y anuncia a X como nuevo
técnico", and the interim named to stand in after a sacking.

Every phrase comes from the pack's `[[appointment]]` entries (packs/appointments.py). Only a
statement counts, as with sackings: the pack's modifiers that lower a sacking below level 3 (history,
negation, denial, hypothetical or a question, modality: "could be appointed", "wants to appoint",
"is the favourite to be named") make an appointment phrase nobody's appointment. What is read here
is one article's claim; bot/rumours/appointing.py confirms it (club statement or two independent
outlets) before any tenure opens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice

from bot.analysis.entities import NAME_RUN, name_runs
from bot.analysis.gate import GatedPattern
from bot.analysis.models import Appointment, Finding
from bot.analysis.packread import (
    REACH_CHARS,
    PackCue,
    first_words,
    history_year,
    is_person_name,
    last_words,
    name_span,
    reference_year,
)
from bot.analysis.packs import Modifier, Pack
from bot.analysis.packs.appointments import AppointmentPhrase, AppointmentRule, Piece
from bot.analysis.text import Doc, make_doc
from bot.registry.names import fold
from bot.registry.registry import Registry

NAME_WINDOW = 80  # characters a name is read in, next to its phrase: bounded, so reading stays linear
MAX_NAME_WORDS = 5  # words of a capitalised run tried as a name ("Real Madrid Appoint Xabi Alonso As")
MAX_APPOINTMENTS = 8  # per article: a real one states one or two
MAX_CANDIDATES = 200  # phrase matches judged per article: bounds a text made of nothing but them
# Modifiers that make a stated appointment a report of something not (yet) decided, in this order.
NOT_STATED = ("history", "negation", "denial", "hypothetical", "modality")


@dataclass(frozen=True, slots=True)
class _Name:
    surface: str
    start: int
    end: int
    key: str | None
    after: int  # where reading goes on: past the words piece that followed the name, if any


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase matched with its names, before the modifiers are read."""

    rule: AppointmentRule
    phrase: AppointmentPhrase
    start: int
    anchor: int  # where the first words piece starts (the modifiers look before it)
    end: int
    person: _Name
    club: _Name | None


def with_appointments(
    finding: Finding,
    text: str,
    title: str | None,
    published: datetime | None,
    registry: Registry | None,
    pack: Pack,
    doc: Doc | None = None,
) -> Finding:
    """The finding with the appointments its article states; an interim named without a club stands
    in at the club of the finding (the sacking the article reports). `doc` is the article as the
    reader already split it, when the caller has it (splitting is most of the cost here)."""
    if not pack.appointments:
        return finding
    doc = doc if doc is not None else make_doc(text, title)
    sacking = finding.level == 3  # an interim without a club stands in at a sacking's club only
    club, club_key = (finding.club, finding.club_key) if sacking else (None, None)
    found = read_appointments(pack, doc, registry, published, club, club_key)
    if not found:
        return finding
    lines = [f"appointment {a.rule}: {a.person} ({a.role}) at {a.club or '?'}" for a in found]
    return replace(finding, appointments=found, explain=(*finding.explain, *lines))


def read_appointments(
    pack: Pack,
    doc: Doc,
    registry: Registry | None,
    published: datetime | None,
    fallback_club: str | None = None,
    fallback_club_key: str | None = None,
) -> tuple[Appointment, ...]:
    """Every appointment the text states (see the module docstring), first mention first."""
    found = list(islice(candidates(pack, doc, registry), MAX_CANDIDATES))
    if not found:
        return ()  # most articles: no appointment phrase at all
    out: dict[tuple[str, str | None, str], Appointment] = {}
    now: int | None = None
    traps = [m.span() for _t, m in pack.trap_scan.finditer(doc.low)] if pack.trap_scan else []
    for cand in found:
        if any(ts < cand.end and cand.start < te for ts, te in traps):
            continue
        if now is None:
            now = reference_year(doc, published.year if published else None)
        if not_stated(pack, doc, cand, now) is not None:
            continue
        club, club_key = (cand.club.surface, cand.club.key) if cand.club else (None, None)
        if cand.club is None and cand.rule.role == "interim":
            club, club_key = fallback_club, fallback_club_key
        if club is None:
            continue
        statement = cand.rule.statement or _statement(pack, doc, cand)
        person = _clean(cand.person.surface)
        ident = (cand.person.key or fold(person), club_key or fold(club), cand.rule.role)
        if ident in out:
            continue
        sentence = doc.sentence_at(cand.anchor)
        out[ident] = Appointment(
            person=person,
            role=cand.rule.role,
            club=_clean(club),
            person_key=cand.person.key,
            club_key=club_key,
            club_statement=statement,
            evidence=sentence.text.strip()[:300],
            rule=cand.rule.id,
        )
        if len(out) == MAX_APPOINTMENTS:
            break
    return tuple(out.values())


def candidates(pack: Pack, doc: Doc, registry: Registry | None) -> Iterator[Candidate]:
    """Every phrase of the pack's appointment rules matched with its names, in text order."""
    found: list[Candidate] = []
    for m, uses in _scan(pack.appointments).matches(doc.low):
        for rule, phrase in uses:
            cand = _complete(pack, doc, registry, rule, phrase, m)
            if cand is not None:
                found.append(cand)
                break
    found.sort(key=lambda c: c.start)
    yield from found


_Uses = list[tuple[AppointmentRule, AppointmentPhrase]]
_WORD_START = re.compile(r"(?<![a-z0-9])[a-z0-9]")


class _AnchorScan:
    """All of a pack's distinct anchors (first words pieces) found with one gated scan: where any
    matches, each anchor is tried there and at the word starts inside that match (the scan's matches
    do not overlap; two anchors' may). Anchors opening with punctuation are scanned one by one."""

    def __init__(self, rules: tuple[AppointmentRule, ...]) -> None:
        by_regex: dict[str, tuple[re.Pattern[str], _Uses]] = {}
        for rule in rules:
            for phrase in rule.phrases:
                anchor = phrase.pieces[phrase.anchor]
                assert anchor.regex is not None
                by_regex.setdefault(anchor.regex.pattern, (anchor.regex, []))[1].append((rule, phrase))
        self.worded = [a for a in by_regex.values() if _word_body(a[1]) is not None]
        self.plain = [a for a in by_regex.values() if _word_body(a[1]) is None]
        bodies = [f"(?:{_word_body(uses)})" for _regex, uses in self.worded]
        self.gate = GatedPattern("|".join(bodies)) if bodies else None

    def matches(self, low: str) -> Iterator[tuple[re.Match[str], _Uses]]:
        for regex, uses in self.plain:
            for found in regex.finditer(low):
                yield found, uses
        if self.gate is None:
            return
        for hit in self.gate.finditer(low):
            starts = [hit.start()] + [
                w.start() for w in _WORD_START.finditer(low, hit.start() + 1, hit.end())
            ]
            for pos in starts:
                for regex, uses in self.worded:
                    at = regex.match(low, pos)
                    if at is not None:
                        yield at, uses


def _word_body(uses: _Uses) -> str | None:
    return uses[0][1].anchor_phrase.word_body


_SCANS: dict[int, tuple[tuple[AppointmentRule, ...], _AnchorScan]] = {}


def _scan(rules: tuple[AppointmentRule, ...]) -> _AnchorScan:
    """The scan of a pack's rules, built once per pack (keyed by identity: hashing the rules deeply
    on every article cost more than the scan)."""
    known = _SCANS.get(id(rules))
    if known is None or known[0] is not rules:
        known = _SCANS[id(rules)] = (rules, _AnchorScan(rules))
    return known[1]


def _complete(
    pack: Pack,
    doc: Doc,
    registry: Registry | None,
    rule: AppointmentRule,
    phrase: AppointmentPhrase,
    m: re.Match[str],
) -> Candidate | None:
    """The phrase around an anchor match: the name before it (if the phrase opens with a slot), then
    each name and words piece after it, each right beside the last."""
    pieces = phrase.pieces
    names: dict[str, _Name] = {}
    start = m.start()
    if phrase.anchor > 0:
        slot = pieces[0].slot
        assert slot is not None
        before = _name_before(pack, doc, registry, slot, m.start())
        if before is None:
            return None
        names[slot] = before
        start = before.start
    pos = m.end()
    i = phrase.anchor + 1
    while i < len(pieces):
        slot = pieces[i].slot
        assert slot is not None  # pieces alternate: a words piece is always consumed with its name
        following = pieces[i + 1] if i + 1 < len(pieces) else None
        after = _name_after(pack, doc, registry, slot, pos, following)
        if after is None:
            return None
        names[slot] = after
        pos = after.after
        i += 2
    person = names["person"]
    if registry is not None and person.key is None and registry.club_by_name(person.surface) is not None:
        return None  # a club read where the man should be ("Real Madrid appointed ...")
    return Candidate(rule, phrase, start, m.start(), pos, person, names.get("club"))


def _resolve(registry: Registry | None, slot: str, surface: str) -> str | None:
    if registry is None:
        return None
    found = registry.person_by_name(surface) if slot == "person" else registry.club_by_name(surface)
    return found.key if found is not None else None


def _acceptable(pack: Pack, slot: str, surface: str, registry: Registry | None) -> bool:
    """A name the registry does not know, fit for the slot: a full person's name, or (with no registry
    to ask) a capitalised club name."""
    if slot == "person":
        return " " in surface and is_person_name(pack, surface)
    return registry is None and is_person_name(pack, surface)


def _word_ends(text: str, s: int, e: int) -> list[int]:
    """Ends of the run's first words (at most MAX_NAME_WORDS), longest first."""
    ends = [s + i for i, ch in enumerate(text[s:e]) if ch == " " and text[s + i - 1] != " "] + [e]
    return sorted(ends[:MAX_NAME_WORDS], reverse=True)


def _name_after(
    pack: Pack, doc: Doc, registry: Registry | None, slot: str, pos: int, following: Piece | None
) -> _Name | None:
    """The name starting at `pos` (past spaces; glued after an elided word) whose following words
    piece matches right after it: a registry entry first, else the longest acceptable run."""
    text, low = doc.text, doc.low
    start = pos
    while start < len(text) and text[start] == " ":
        start += 1
    if start == pos and not (pos and low[pos - 1] == "'"):
        return None
    run = NAME_RUN.match(text, start, min(len(text), start + NAME_WINDOW))
    if run is None:
        return None
    plain: _Name | None = None
    for end in _word_ends(text, start, run.end()):
        after = end
        if following is not None:
            nxt = end
            while nxt < len(text) and text[nxt] == " ":
                nxt += 1
            assert following.regex is not None
            m = following.regex.match(low, nxt)
            if m is None:
                continue
            after = m.end()
        found = _pick(pack, registry, slot, text, start, end, after, plain)
        if found is not None and found.key is not None:
            return found
        plain = plain or found
    return plain


def _name_before(pack: Pack, doc: Doc, registry: Registry | None, slot: str, pos: int) -> _Name | None:
    """The name ending right before `pos` (past spaces): the longest registry entry among the run's
    last words, else its longest acceptable tail."""
    text = doc.text
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    base = max(0, end - NAME_WINDOW)
    runs = [(base + s, base + e) for s, e in name_runs(text[base:end])]
    if not runs or runs[-1][1] != end:
        return None
    s0 = runs[-1][0]
    starts = [s0] + [s0 + i + 1 for i, ch in enumerate(text[s0:end]) if ch == " "]
    starts = [s for s in starts if text[s] != " "][-MAX_NAME_WORDS:]
    plain: _Name | None = None
    for start in starts:
        found = _pick(pack, registry, slot, text, start, end, pos, plain)
        if found is not None and found.key is not None:
            return found
        plain = plain or found
    return plain


def _pick(
    pack: Pack,
    registry: Registry | None,
    slot: str,
    text: str,
    start: int,
    end: int,
    after: int,
    plain: _Name | None,
) -> _Name | None:
    """`text[start:end]` as the slot's name: a registry entry, or an acceptable plain name. Once a
    longer plain name was seen, a lone registry word inside it is only its surname ("Jacques
    Abardonado Martin" is not the registry's "Martin")."""
    surface = text[start:end]
    if plain is None or " " in surface:
        key = _resolve(registry, slot, surface)
        if key is not None:
            return _Name(surface, start, end, key, after)
    acceptable = plain is None and _acceptable(pack, slot, surface, registry)
    if acceptable and name_span(pack, text, start, end) == (start, end):
        return _Name(surface, start, end, None, after)
    return None


def not_stated(pack: Pack, doc: Doc, cand: Candidate, now: int) -> str | None:
    """Why the phrase is no statement of an appointment (a modifier's marker, a question, an old
    year), or None when it is one."""
    sentence = doc.sentence_at(cand.anchor)
    before = doc.low[max(sentence.start, cand.anchor - REACH_CHARS) : cand.anchor]
    after = doc.low[cand.end : min(sentence.end, cand.end + REACH_CHARS)]
    for name in NOT_STATED:
        mod = pack.modifiers.get(name)
        marker = _hit(mod, before, after) if mod is not None else None
        if marker is not None:
            return f"{name}: {marker!r}"
    if doc.text[sentence.start : sentence.end].rstrip(" \"'»)").endswith("?"):
        return "a question"
    cue = PackCue(cand.rule.id, 3, 3, cand.anchor, cand.end, sentence, doc.text[cand.anchor : cand.end])
    year = history_year(pack, doc, cue, now)
    return f"year {year} before the article's" if year is not None else None


def _statement(pack: Pack, doc: Doc, cand: Candidate) -> bool:
    mod = pack.modifiers.get("club_statement")
    if mod is None:
        return False
    sentence = doc.sentence_at(cand.anchor)
    before = doc.low[max(sentence.start, cand.start - REACH_CHARS) : cand.start]
    after = doc.low[cand.end : min(sentence.end, cand.end + REACH_CHARS)]
    return _hit(mod, before, after) is not None


def _hit(mod: Modifier, before: str, after: str) -> str | None:
    if mod.before is not None and mod.reach_before:
        m = mod.before.search(last_words(before, mod.reach_before))
        if m is not None:
            return m.group().strip()
    if mod.after is not None and mod.reach_after:
        m = mod.after.search(first_words(after, mod.reach_after))
        if m is not None:
            return m.group().strip()
    return None


def _clean(name: str) -> str:
    """A name as printed: one line, no control characters."""
    return " ".join("".join(ch for ch in name if ch.isprintable()).split())
