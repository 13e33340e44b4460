"""Typed slash commands for the console, in Discord's own syntax.

`/gap team:RealMadrid other:Barcelona date:2024-11-06` and `/gap RealMadrid Barcelona` mean the same:
named options may come in any order, the rest fill the remaining parameters in order, and quotes keep
spaces together (`/manager name:"Carlo Ancelotti"`).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.errors import UserError

ParamKind = Literal["text", "date", "level", "bool"]
TRUE_WORDS = frozenset({"true", "on", "yes", "1"})
FALSE_WORDS = frozenset({"false", "off", "no", "0"})


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    required: bool = True
    kind: ParamKind = "text"
    rest: bool = False  # takes every remaining word, so `/manager Carlo Ancelotti` needs no quotes


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str  # "gap", or "digest now" for a subcommand
    summary: str
    params: tuple[Param, ...] = ()

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for param in self.params:
            parts.append(param.name if param.required else f"[{param.name}]")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class SlashCall:
    spec: CommandSpec
    options: dict[str, str | date | int] = field(default_factory=dict)


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError:
        raise UserError("unbalanced quotes — close the quote and try again") from None


def _convert(param: Param, raw: str) -> str | date | int:
    value = raw.strip()
    if not value:
        raise UserError(f"{param.name} is empty — give a value")
    if param.kind == "date":
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise UserError(
                f"{param.name} must be a date like 2024-11-06, not {value!r} "
                '(put names with spaces in quotes: "Real Madrid")'
            ) from None
    if param.kind == "level":
        if value not in {"0", "1", "2", "3"}:
            raise UserError(f"{param.name} must be 0, 1, 2 or 3, not {value!r}")
        return int(value)
    if param.kind == "bool":
        if value.lower() not in TRUE_WORDS | FALSE_WORDS:
            raise UserError(f"{param.name} must be true or false (on/off), not {value!r}")
        return value.lower() in TRUE_WORDS
    return value


def _find_spec(words: list[str], specs: dict[str, CommandSpec]) -> tuple[CommandSpec, list[str]]:
    head = words[0].removeprefix("/").lower()
    if len(words) > 1 and f"{head} {words[1].lower()}" in specs:
        return specs[f"{head} {words[1].lower()}"], words[2:]
    if head in specs:
        return specs[head], words[1:]
    subcommands = sorted(name.split(" ", 1)[1] for name in specs if name.startswith(f"{head} "))
    if subcommands:
        raise UserError(f"/{head} needs one of: {', '.join(subcommands)} — e.g. /{head} {subcommands[0]}")
    raise UserError(f"unknown command /{head} — type /help to see the commands")


def parse_slash(line: str, specs: dict[str, CommandSpec]) -> SlashCall:
    """Parse one typed line into a call with converted options, or raise UserError saying what's wrong."""
    words = _split(line.strip())
    if not words or not words[0].startswith("/") or words[0] == "/":
        raise UserError("commands start with / — type /help to see them")
    spec, rest = _find_spec(words, specs)
    by_name = {param.name: param for param in spec.params}
    options: dict[str, str | date | int] = {}
    positional: list[str] = []
    for word in rest:
        name, sep, value = word.partition(":")
        if sep and name.lower() in by_name:
            param = by_name[name.lower()]
            if param.name in options:
                raise UserError(f"{param.name} given twice — usage: {spec.usage}")
            options[param.name] = _convert(param, value)
        else:
            positional.append(word)
    waiting = [param for param in spec.params if param.name not in options]
    for param in waiting:
        if not positional:
            break
        if param.rest:
            options[param.name] = _convert(param, " ".join(positional))
            positional = []
        else:
            options[param.name] = _convert(param, positional.pop(0))
    if positional:
        raise UserError(f"too many values ({' '.join(positional)}) — usage: {spec.usage}")
    missing = [param.name for param in spec.params if param.required and param.name not in options]
    if missing:
        raise UserError(f"missing {', '.join(missing)} — usage: {spec.usage}")
    return SlashCall(spec, options)
