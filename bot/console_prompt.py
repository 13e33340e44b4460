"""The console's line editor on a terminal: prompt_toolkit with history, Tab completion, logs above it.

Piped or redirected input keeps the plain reader in bot/console.py (tests and the crash drill use it);
this module is used only when stdin and stdout are terminals.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import AsyncGenerator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory
from prompt_toolkit.patch_stdout import patch_stdout

from bot.registry.registry import Registry
from bot.slash import CommandSpec

HISTORY_FILE = "hotseat-history"  # beside the store, in the data folder


def registry_names(registry: Registry) -> list[str]:
    """Clubs (full and short names) and current managers: what the commands' values usually are."""
    names = {club.name for club in registry.clubs.values() if club.league}
    names |= {club.short_name for club in registry.clubs.values() if club.league}
    names |= {person.name for person in registry.people.values() if person.role == "manager"}
    return sorted(names, key=str.casefold)


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


class SlashCompleter(Completer):
    """Completes command names, then each command's `option:` names and club and manager names."""

    def __init__(self, specs: Mapping[str, CommandSpec], names: Iterable[str]) -> None:
        self.specs = specs
        self.names = list(names)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        text = document.text_before_cursor
        # Inside an open quote the word is everything after the quote, spaces included.
        word = text[text.rindex('"') :] if text.count('"') % 2 else text.rsplit(" ", 1)[-1]
        before = text[: len(text) - len(word)].split()
        if not before:
            yield from self._commands(word, "/")
            return
        head = before[0].removeprefix("/").lower()
        if len(before) == 1 and any(name.startswith(f"{head} ") for name in self.specs):
            yield from self._commands(word, f"{head} ")
            return
        spec = self.specs.get(f"{head} {before[1].lower()}" if len(before) > 1 else head) or self.specs.get(
            head
        )
        if spec is None:
            return
        _, sep, value = word.partition(":")
        if sep:
            yield from self._names(value, len(value))
            return
        used = {part.split(":", 1)[0] for part in before if ":" in part}
        for param in spec.params:
            if param.name.startswith(word) and param.name not in used:
                yield Completion(f"{param.name}:", -len(word), display_meta="option")
        yield from self._names(word, len(word))

    def _commands(self, word: str, prefix: str) -> Iterator[Completion]:
        typed = word.removeprefix("/").lower()
        seen: set[str] = set()
        for name, spec in self.specs.items():
            if not name.startswith(prefix.removeprefix("/")) and prefix != "/":
                continue
            part = name.split(" ")[0] if prefix == "/" else name.split(" ", 1)[1]
            if part.startswith(typed) and part not in seen:
                seen.add(part)
                shown = f"/{part}" if prefix == "/" else part
                yield Completion(shown, -len(word), display_meta=spec.summary if part == name else "")

    def _names(self, typed: str, length: int) -> Iterator[Completion]:
        needle = typed.strip('"').casefold()
        if not needle:
            return
        for name in self.names:  # "Simeo" finds "Diego Simeone": any word of the name may be typed
            folded = name.casefold()
            if folded.startswith(needle) or f" {needle}" in folded:
                yield Completion(_quoted(name), -length)


@contextlib.contextmanager
def logs_above_prompt() -> Iterator[None]:
    """Print everything (answers, digests, log lines) above the prompt instead of over what is typed."""
    with patch_stdout(raw=True):
        moved: list[tuple[logging.StreamHandler[Any], Any]] = []
        for handler in logging.getLogger().handlers:
            if type(handler) is logging.StreamHandler and handler.stream in (sys.__stderr__, sys.__stdout__):
                moved.append((handler, handler.setStream(sys.stderr)))
        try:
            yield
        finally:
            for handler, stream in moved:
                handler.setStream(stream)


async def prompt_lines(
    specs: Mapping[str, CommandSpec], names: Iterable[str], data_dir: Path
) -> AsyncGenerator[str, None]:
    """Lines typed at the prompt; ends on Ctrl-D or Ctrl-C. History persists in the data folder."""
    session: PromptSession[str] = PromptSession(
        history=FileHistory(str(data_dir / HISTORY_FILE)),
        completer=SlashCompleter(specs, names),
        complete_while_typing=False,
    )
    while True:
        try:
            yield await session.prompt_async("> ") + "\n"
        except (EOFError, KeyboardInterrupt):
            return
