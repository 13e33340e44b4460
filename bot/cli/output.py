"""How the CLI speaks: exit codes, one sanitised line per print, JSON on request, one-line failures."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot.catalogue import Answer
from bot.config import Settings
from bot.service import Service
from bot.terminal import one_line, printable

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def say(text: str) -> None:
    """Every line the CLI prints goes through here: no control characters reach the terminal."""
    print(printable(text))


def emit(args: argparse.Namespace, answer: Answer) -> None:
    if wants_json(args):
        say(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        say(answer.to_text())


async def with_service(settings: Settings, work: Callable[[Service], Awaitable[int]]) -> int:
    service = await Service.open(settings)
    try:
        return await work(service)
    finally:
        await service.close()


def fail(message: str) -> int:
    """One line on stderr, never echoing control characters someone typed or a feed sent."""
    print(f"hotseat: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


async def answer_with(
    args: argparse.Namespace, settings: Settings, ask: Callable[[Service], Awaitable[Answer]]
) -> int:
    """Open the service, print one answer (text or JSON), close it."""

    async def work(service: Service) -> int:
        emit(args, await ask(service))
        return EXIT_OK

    return await with_service(settings, work)
