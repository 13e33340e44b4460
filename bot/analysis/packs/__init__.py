"""Language packs: everything the reader knows about one language, as data (see SCHEMA.md).

`load_pack("es")` reads `es.toml` beside this file once, checks it against the schema and compiles
its phrases (packs/phrases.py) into linear-time regexes over the folded text. A broken pack raises
`PackError` naming the file, the section and the entry, so a contributor can fix data alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from bot.analysis.gate import GatedPattern
from bot.analysis.packs.appointments import AppointmentExample, AppointmentRule, build_examples, build_rules
from bot.analysis.packs.phrases import Phrase, PhraseError, compile_list, compile_phrase
from bot.analysis.packs.words import Words
from bot.analysis.places import PLACE_NAMES

SCHEMA_VERSION = 1
LEVELS = (1, 2, 3)
# What each modifier does to a cue it governs (fixed here, documented in SCHEMA.md), strongest first.
MODIFIERS = (
    "history",
    "voluntary",
    "negation",
    "denial",
    "hypothetical",
    "modality",
    "reported",
    "club_statement",
)
FRAME_KINDS = ("manager", "interim", "former", "successor", "not_successor", "not_person", "club")
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,60}")
_LANG = re.compile(r"[a-z]{2,3}")


class PackError(ValueError):
    """A pack that does not follow SCHEMA.md; the message names file, section and entry."""


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    level: int
    phrases: tuple[Phrase, ...]
    regex: re.Pattern[str]
    # A departure whose cause the words leave open ("resigned", "is no longer the coach"): level 3
    # only when the article reads pressure on him besides (SCHEMA.md).
    departure: bool = False


@dataclass(frozen=True, slots=True)
class Modifier:
    """Markers that change what a cue means when found within reach of it in its sentence."""

    name: str
    before: Words | None  # searched in the `reach_before` words before the cue
    after: Words | None  # searched in the `reach_after` words after the cue
    reach_before: int
    reach_after: int


@dataclass(frozen=True, slots=True)
class Frame:
    """A phrase that says what a named person is ("el técnico {person}": a manager)."""

    id: str
    kind: str
    phrase: Phrase
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Example:
    """A pack's own test case, checked by tests/analysis/test_packs.py."""

    text: str
    level: int
    title: str | None = None
    cue: str | None = None
    manager: str | None = None
    successors: tuple[str, ...] | None = None
    club_statement: bool | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Pack:
    lang: str
    name: str
    lists: dict[str, str]  # list name -> compiled alternation
    numbers: dict[str, int]  # folded number word -> value
    months: tuple[str, ...]  # folded month names, January first (alternatives joined by |)
    cues: tuple[Cue, ...]
    traps: tuple[Cue, ...]  # level 0: phrases that look like cues but are not (a cue inside one is dropped)
    modifiers: dict[str, Modifier]
    frames: tuple[Frame, ...]
    sources_before: Words | None
    sources_after: Words | None
    claims: dict[str, Words]
    places: dict[str, re.Pattern[str]]  # bot/analysis/places.py key -> the phrases naming that place
    sport_other: Words | None
    sport_football: Words | None
    examples: tuple[Example, ...] = field(default=())
    # Every noun is written with a capital (German): a lone capitalised word is no sign of a name.
    nouns_capitalised: bool = False
    # One scan for all cues (strongest level first at any place) and one for all traps: `re`
    # tries only the phrases that can start with the letter at hand (gate.GatedPattern).
    cue_scan: Scan | None = None
    trap_scan: Scan | None = None
    frame_scan: FrameScan | None = None
    # Club frames ("l'entraîneur de {club}") scan apart: they start on the same role word as the
    # person frames ("l'entraîneur {person}"), and one scan gives each place to one frame only.
    club_frame_scan: FrameScan | None = None
    appointments: tuple[AppointmentRule, ...] = ()  # read by bot/analysis/appointments.py
    appointment_examples: tuple[AppointmentExample, ...] = ()

    def cue(self, cue_id: str) -> Cue:
        return next(c for c in self.cues if c.id == cue_id)

    def is_departure(self, cue_id: str) -> bool:
        """The cue (by id) states a departure whose cause it leaves open; False for unknown ids."""
        return any(c.departure for c in self.cues if c.id == cue_id)


@dataclass(frozen=True, slots=True)
class Scan:
    """Many cues as one pattern: `finditer` gives matches whose `lastgroup` is `c<index>`."""

    cues: tuple[Cue, ...]
    pattern: GatedPattern | re.Pattern[str]

    def finditer(self, text: str) -> Iterator[tuple[Cue, re.Match[str]]]:
        for m in self.pattern.finditer(text):
            yield self.cues[int((m.lastgroup or "c0")[1:])], m


@dataclass(frozen=True, slots=True)
class FrameScan:
    """All frames as one gated pattern (group `f<index>`), plus those starting with punctuation,
    scanned one by one. Where frames overlap, the one starting first wins (its context is wider)."""

    frames: tuple[Frame, ...]
    pattern: GatedPattern | None
    plain: tuple[Frame, ...]

    def finditer(self, text: str) -> Iterator[tuple[Frame, re.Match[str]]]:
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                yield self.frames[int((m.lastgroup or "f0")[1:])], m
        for frame in self.plain:
            for m in frame.regex.finditer(text):
                yield frame, m


def build_frame_scan(frames: tuple[Frame, ...]) -> FrameScan:
    gated = tuple(f for f in frames if f.phrase.word_body)
    body = "|".join(f"(?P<f{i}>{f.phrase.word_body})" for i, f in enumerate(gated))
    plain = tuple(f for f in frames if not f.phrase.word_body)
    return FrameScan(gated, GatedPattern(body) if gated else None, plain)


def build_scan(cues: tuple[Cue, ...]) -> Scan | None:
    """The cues, strongest first, as one gated alternation (plain regex if a phrase starts with
    punctuation, which a word-start gate cannot see)."""
    if not cues:
        return None
    ordered = tuple(sorted(cues, key=lambda c: -c.level))
    if all(p.word_body for c in ordered for p in c.phrases):
        body = "|".join(
            f"(?P<c{i}>" + "|".join(str(p.word_body) for p in c.phrases) + ")" for i, c in enumerate(ordered)
        )
        return Scan(ordered, GatedPattern(body))
    body = "|".join(f"(?P<c{i}>" + "|".join(p.regex for p in c.phrases) + ")" for i, c in enumerate(ordered))
    return Scan(ordered, re.compile(body))


@cache
def available() -> tuple[str, ...]:
    """Codes of the packs shipped beside this module, sorted (read once per process)."""
    return tuple(
        sorted(
            p.name.removesuffix(".toml")
            for p in files(__package__).iterdir()
            if p.name.endswith(".toml") and _LANG.fullmatch(p.name.removesuffix(".toml"))
        )
    )


@cache
def load_pack(lang: str) -> Pack:
    """The checked, compiled pack for `lang` (cached: packs are read once per process)."""
    if not _LANG.fullmatch(lang or ""):
        raise PackError(f"{lang!r} is not a language code (two or three lowercase letters)")
    resource = files(__package__).joinpath(f"{lang}.toml")
    if not resource.is_file():
        raise PackError(f"no pack for {lang!r} (have: {', '.join(available())})")
    return parse_pack(resource.read_text(encoding="utf-8"), f"{lang}.toml", lang)


def parse_pack(text: str, where: str = "<pack>", lang: str | None = None) -> Pack:
    """Check and compile one pack's TOML text; `where` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{where}: not valid TOML: {exc}") from None
    return _Builder(data, where, lang).build()


class _Builder:
    def __init__(self, data: dict[str, Any], where: str, lang: str | None) -> None:
        self.data = data
        self.where = where
        self.lang = lang
        self.lists: dict[str, str] = {}

    def fail(self, section: str, why: str) -> PackError:
        return PackError(f"{self.where} [{section}]: {why}")

    def build(self) -> Pack:
        known = {"pack", "lists", "numbers", "cue", "trap", "modifiers", "frame", "sources", "claims"}
        known |= {"places", "sport", "example", "appointment", "appointment_example"}
        for key in self.data:
            if key not in known:
                raise self.fail(key, f"unknown section (known: {', '.join(sorted(known))})")
        head = self._table("pack")
        lang = self._str(head, "pack", "lang")
        if not _LANG.fullmatch(lang) or (self.lang is not None and lang != self.lang):
            raise self.fail("pack", f"lang {lang!r} must be the file's code {self.lang!r}")
        if head.get("schema") != SCHEMA_VERSION:
            raise self.fail(
                "pack", f"schema must be {SCHEMA_VERSION} (SCHEMA.md), not {head.get('schema')!r}"
            )
        numbers = self._numbers()
        self.lists["num"] = (
            "(?:[0-9]{1,3}|" + "|".join(sorted(map(re.escape, numbers), key=len, reverse=True)) + ")"
        )
        self._lists()
        months = self._months()
        cues = self._cues("cue", LEVELS)
        traps = self._cues("trap", (0,))
        frames = self._frames()
        return Pack(
            frame_scan=build_frame_scan(tuple(f for f in frames if f.kind != "club")),
            club_frame_scan=build_frame_scan(tuple(f for f in frames if f.kind == "club")),
            cue_scan=build_scan(cues),
            trap_scan=build_scan(traps),
            lang=lang,
            name=self._str(head, "pack", "name"),
            lists=dict(self.lists),
            numbers=numbers,
            months=months,
            cues=cues,
            traps=traps,
            modifiers=self._modifiers(),
            frames=frames,
            sources_before=self._maybe(self._table("sources"), "sources", "before"),
            sources_after=self._maybe(self._table("sources"), "sources", "after"),
            claims=self._claims(),
            places=self._places(),
            sport_other=self._words_scan("other"),
            sport_football=self._words_scan("football"),
            examples=self._examples(),
            appointments=build_rules(self._entries("appointment"), self.lists, self.fail),
            appointment_examples=build_examples(self._entries("appointment_example"), self.fail),
            nouns_capitalised=self._flag(head, "pack", "nouns_capitalised"),
        )

    # -- small typed readers -------------------------------------------------------------------
    def _table(self, section: str) -> dict[str, Any]:
        value = self.data.get(section, {})
        if not isinstance(value, dict):
            raise self.fail(section, "must be a table ([section]), not a list")
        return value

    def _flag(self, table: dict[str, Any], section: str, key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(section, f"{key} must be true or false, not {value!r}")
        return value

    def _str(self, table: dict[str, Any], section: str, key: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(section, f"{key} must be a non-empty string")
        return value

    def _strings(self, value: Any, section: str, key: str) -> list[str]:
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(section, f"{key} must be a non-empty list of strings")
        return value

    def _entries(self, section: str) -> list[dict[str, Any]]:
        value = self.data.get(section, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(section, f"write each entry as [[{section}]]")
        return value

    def _compile(self, phrases: list[str], section: str) -> tuple[tuple[Phrase, ...], re.Pattern[str]]:
        try:
            compiled = tuple(compile_phrase(p, self.lists) for p in phrases)
        except PhraseError as exc:
            raise self.fail(section, str(exc)) from None
        return compiled, re.compile("|".join(f"(?:{p.regex})" for p in compiled))

    def _maybe(self, table: dict[str, Any], section: str, key: str) -> Words | None:
        if key not in table:
            return None
        phrases, _regex = self._compile(self._strings(table[key], section, key), f"{section}.{key}")
        if any(p.slot for p in phrases):
            raise self.fail(section, f"{key}: name slots belong in [[frame]] entries")
        return Words(phrases)

    def _words_scan(self, key: str) -> Words | None:
        return self._maybe(self._table("sport"), "sport", key)

    # -- sections ------------------------------------------------------------------------------
    def _numbers(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for word, value in self._table("numbers").items():
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
                raise self.fail("numbers", f"{word} = {value!r}: a number word's value is 0..100")
            out[_fold(word)] = value
        return out

    def _lists(self) -> None:
        table = self._table("lists")
        for name, entries in table.items():
            if not _ID.fullmatch(name) or name in ("person", "club", "num", "year"):
                raise self.fail("lists", f"{name!r}: list names are lowercase ids, not person/club/num/year")
            try:
                # Lists may use lists defined above them (TOML keeps the file's order).
                self.lists[name] = compile_list(name, self._strings(entries, "lists", name), self.lists)
            except PhraseError as exc:
                raise self.fail("lists", str(exc)) from None

    def _months(self) -> tuple[str, ...]:
        months = self._table("lists").get("month")
        if months is None:
            return ()
        if len(months) != 12:
            raise self.fail("lists", f"month must list 12 months, January first (has {len(months)})")
        return tuple(_fold(m) for m in months)

    def _cues(self, section: str, levels: tuple[int, ...]) -> tuple[Cue, ...]:
        out: list[Cue] = []
        seen: set[str] = set()
        for i, entry in enumerate(self._entries(section)):
            where = f"{section} #{i + 1}"
            cue_id = entry.get("id")
            if not isinstance(cue_id, str) or not _ID.fullmatch(cue_id) or cue_id in seen:
                raise self.fail(where, f"id {cue_id!r} must be a unique lowercase id (a-z 0-9 _ . -)")
            seen.add(cue_id)
            level = entry.get("level", 0)
            if level not in levels:
                raise self.fail(f"{section} {cue_id}", f"level must be one of {levels}, not {level!r}")
            unknown = set(entry) - {"id", "level", "phrases", "note", "departure"}
            if unknown:
                raise self.fail(f"{section} {cue_id}", f"unknown keys {sorted(unknown)}")
            phrases, regex = self._compile(
                self._strings(entry.get("phrases"), where, "phrases"), f"{section} {cue_id}"
            )
            if any(p.slot for p in phrases):
                raise self.fail(f"{section} {cue_id}", "cues name nobody: put {person} phrases in [[frame]]")
            departure = entry.get("departure", False)
            if not isinstance(departure, bool) or (departure and level != 3):
                raise self.fail(f"{section} {cue_id}", "departure = true belongs on a level-3 cue only")
            out.append(Cue(cue_id, level, phrases, regex, departure))
        return tuple(out)

    def _modifiers(self) -> dict[str, Modifier]:
        out: dict[str, Modifier] = {}
        for name, table in self._table("modifiers").items():
            section = f"modifiers.{name}"
            if name not in MODIFIERS:
                raise self.fail(section, f"unknown modifier (known: {', '.join(MODIFIERS)})")
            if not isinstance(table, dict):
                raise self.fail(section, "must be a table")
            unknown = set(table) - {"before", "after", "reach_before", "reach_after", "note"}
            if unknown:
                raise self.fail(section, f"unknown keys {sorted(unknown)}")
            reach_before = table.get("reach_before", 8)
            reach_after = table.get("reach_after", 8)
            for key, reach in (("reach_before", reach_before), ("reach_after", reach_after)):
                if not isinstance(reach, int) or not 0 <= reach <= 40:
                    raise self.fail(section, f"{key} is a word count 0..40, not {reach!r}")
            if "before" not in table and "after" not in table:
                raise self.fail(section, "needs before and/or after markers")
            out[name] = Modifier(
                name,
                self._maybe(table, section, "before"),
                self._maybe(table, section, "after"),
                reach_before,
                reach_after,
            )
        return out

    def _frames(self) -> tuple[Frame, ...]:
        out: list[Frame] = []
        for i, entry in enumerate(self._entries("frame")):
            where = f"frame #{i + 1}"
            frame_id, kind = entry.get("id"), entry.get("kind")
            if not isinstance(frame_id, str) or not _ID.fullmatch(frame_id):
                raise self.fail(where, f"id {frame_id!r} must be a lowercase id")
            if kind not in FRAME_KINDS:
                raise self.fail(f"frame {frame_id}", f"kind must be one of {', '.join(FRAME_KINDS)}")
            phrases, _ = self._compile(
                self._strings(entry.get("phrases"), where, "phrases"), f"frame {frame_id}"
            )
            slot = "club" if kind == "club" else "person"  # a club frame names the manager's club
            for phrase in phrases:
                if phrase.slot != slot:
                    raise self.fail(f"frame {frame_id}", f"{phrase.source!r} needs {{{slot}}} first or last")
                out.append(Frame(frame_id, kind, phrase, re.compile(phrase.regex)))
        return tuple(out)

    def _claims(self) -> dict[str, Words]:
        out: dict[str, Words] = {}
        for kind, phrases in self._table("claims").items():
            if kind not in ("behind", "ahead", "games_in_hand"):
                raise self.fail("claims", f"{kind!r}: kinds are behind, ahead, games_in_hand")
            strings = self._strings(phrases, "claims", kind)
            if not all("{num}" in p for p in strings):
                raise self.fail("claims", f"{kind}: every phrase needs {{num}} (the points or games)")
            out[kind] = Words(self._compile(strings, f"claims.{kind}")[0])
        return out

    def _places(self) -> dict[str, re.Pattern[str]]:
        out: dict[str, re.Pattern[str]] = {}
        for key, phrases in self._table("places").items():
            if key not in PLACE_NAMES:
                raise self.fail("places", f"{key!r}: places are {', '.join(PLACE_NAMES)}")
            compiled, regex = self._compile(self._strings(phrases, "places", key), f"places.{key}")
            if any(p.slot for p in compiled):
                raise self.fail("places", f"{key}: name slots belong in [[frame]] entries")
            out[key] = regex
        return out

    def _examples(self) -> tuple[Example, ...]:
        out: list[Example] = []
        keys = {"text", "title", "level", "cue", "manager", "successors", "club_statement", "note"}
        for i, entry in enumerate(self._entries("example")):
            where = f"example #{i + 1}"
            if set(entry) - keys:
                raise self.fail(where, f"unknown keys {sorted(set(entry) - keys)}")
            if not isinstance(entry.get("text"), str) or entry.get("level") not in (0, 1, 2, 3):
                raise self.fail(where, "needs text (string) and level (0-3)")
            succ = entry.get("successors")
            out.append(
                Example(
                    text=entry["text"],
                    level=entry["level"],
                    title=entry.get("title"),
                    cue=entry.get("cue"),
                    manager=entry.get("manager"),
                    successors=tuple(succ) if isinstance(succ, list) else None,
                    club_statement=entry.get("club_statement"),
                    note=entry.get("note", ""),
                )
            )
        return tuple(out)


def _fold(word: str) -> str:
    from bot.analysis.text import fold_keep

    return fold_keep(word.strip()).lower()
