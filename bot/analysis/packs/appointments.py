"""A pack's `[[appointment]]` and `[[appointment_example]]` sections (SCHEMA.md "appointments").

An appointment phrase names two things, the new man and (usually) his club, so unlike a frame it
may hold `{person}` and `{club}` anywhere: "{club} (appoint|name) {person} as [their] new {role}".
It is cut at its slots into plain phrases, each compiled by packs/phrases.py (linear by
construction); the reader (bot/analysis/appointments.py) matches the first piece with one scan and
reads the names and the other pieces right beside it, each within a bounded window, so a whole
article stays linear however many pieces it has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.analysis.packs.phrases import Phrase, PhraseError, compile_phrase

ROLES = ("manager", "interim")
SLOT_TOKENS = {"{person}": "person", "{club}": "club"}


@dataclass(frozen=True, slots=True)
class Piece:
    """One item of an appointment phrase: a name slot, or words compiled as a plain phrase."""

    slot: str | None  # "person" | "club" for a name; None for words
    phrase: Phrase | None = None
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class AppointmentPhrase:
    source: str
    pieces: tuple[Piece, ...]
    anchor: int  # index of the first word piece: the one scanned for

    @property
    def anchor_phrase(self) -> Phrase:
        phrase = self.pieces[self.anchor].phrase
        assert phrase is not None
        return phrase


@dataclass(frozen=True, slots=True)
class AppointmentRule:
    """A way the press states that someone got a job (`role` manager) or stands in (`interim`)."""

    id: str
    role: str
    statement: bool  # the phrase is itself the club's announcement ("el Y anuncia a X")
    phrases: tuple[AppointmentPhrase, ...]


@dataclass(frozen=True, slots=True)
class AppointmentExample:
    """A pack's own appointment test case (tests/analysis/packs/test_appointments.py).
    `person` None: nothing may be read as an appointment."""

    text: str
    person: str | None = None
    club: str | None = None
    role: str | None = None
    rule: str | None = None
    statement: bool | None = None
    note: str = ""


def compile_appointment_phrase(source: str, lists: Mapping[str, str]) -> AppointmentPhrase:
    """Cut `source` at its name slots and compile the words between them (PhraseError if wrong)."""
    items: list[list[str] | str] = []
    for token in source.split():
        slot = SLOT_TOKENS.get(token)
        if slot is not None:
            if items and isinstance(items[-1], str):
                raise PhraseError(f"phrase {source!r}: two name slots need words between them")
            items.append(slot)
        elif items and isinstance(items[-1], list):
            items[-1].append(token)
        else:
            items.append([token])
    slots = [i for i in items if isinstance(i, str)]
    if slots.count("person") != 1 or slots.count("club") > 1:
        raise PhraseError(f"phrase {source!r}: write {{person}} once and {{club}} at most once")
    pieces: list[Piece] = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            pieces.append(Piece(item))
            continue
        words = " ".join(item)
        # Compiled as "<words> {person}" when a name follows: the pack engine's rule for a name glued
        # to an elided word ("dell'Udinese") then applies.
        follows = index + 1 < len(items)
        try:
            phrase = compile_phrase(f"{words} {{person}}" if follows else words, lists)
        except PhraseError as exc:
            raise PhraseError(f"phrase {source!r}: {exc}") from None
        pieces.append(Piece(None, phrase, re.compile(phrase.regex)))
    anchor = next((i for i, p in enumerate(pieces) if p.slot is None), None)
    if anchor is None:
        raise PhraseError(f"phrase {source!r}: needs words besides the name slots")
    return AppointmentPhrase(source, tuple(pieces), anchor)


def build_rules(
    entries: list[dict[str, Any]], lists: Mapping[str, str], fail: Any
) -> tuple[AppointmentRule, ...]:
    """The `[[appointment]]` entries, checked; `fail(section, why)` builds the PackError."""
    out: list[AppointmentRule] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        rule_id = entry.get("id")
        where = f"appointment {rule_id}" if isinstance(rule_id, str) else f"appointment #{i + 1}"
        if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,60}", rule_id):
            raise fail(where, f"id {rule_id!r} must be a unique lowercase id (a-z 0-9 _ . -)")
        if rule_id in seen:
            raise fail(where, "id must be unique in the pack")
        seen.add(rule_id)
        unknown = set(entry) - {"id", "role", "statement", "phrases", "note"}
        if unknown:
            raise fail(where, f"unknown keys {sorted(unknown)}")
        role = entry.get("role", "manager")
        if role not in ROLES:
            raise fail(where, f"role must be one of {', '.join(ROLES)}, not {role!r}")
        statement = entry.get("statement", False)
        if not isinstance(statement, bool):
            raise fail(where, "statement is true or false")
        phrases = entry.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) for p in phrases):
            raise fail(where, "phrases must be a non-empty list of strings")
        try:
            compiled = tuple(compile_appointment_phrase(p, lists) for p in phrases)
        except PhraseError as exc:
            raise fail(where, str(exc)) from None
        out.append(AppointmentRule(rule_id, role, statement, compiled))
    return tuple(out)


def build_examples(entries: list[dict[str, Any]], fail: Any) -> tuple[AppointmentExample, ...]:
    out: list[AppointmentExample] = []
    keys = {"text", "person", "club", "role", "rule", "statement", "note"}
    for i, entry in enumerate(entries):
        where = f"appointment_example #{i + 1}"
        if set(entry) - keys:
            raise fail(where, f"unknown keys {sorted(set(entry) - keys)}")
        if not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise fail(where, "needs text (a short sentence of your own)")
        if entry.get("role") is not None and entry["role"] not in ROLES:
            raise fail(where, f"role must be one of {', '.join(ROLES)}")
        out.append(
            AppointmentExample(
                text=entry["text"],
                person=entry.get("person"),
                club=entry.get("club"),
                role=entry.get("role"),
                rule=entry.get("rule"),
                statement=entry.get("statement"),
                note=entry.get("note", ""),
            )
        )
    return tuple(out)
