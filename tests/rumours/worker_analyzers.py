"""Analyzers the worker-pool tests send to real worker processes (module-level, so they pickle by name).

Each reads a marker in the text: SPIN spins the CPU (as a backtracking regex would), BOOM raises,
DIE ends the worker process abruptly, WARN logs a warning; any other text about Real Madrid reads
as pressure on whoever the registry says coaches Real Madrid.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime

from bot.analysis.models import Finding
from bot.registry.registry import Registry

log = logging.getLogger("tests.rumours.worker_analyzers")

SPIN_SECONDS = 60.0  # far past any budget the tests give, short enough to end on its own
_seen: list[Registry | None] = []  # in the worker: every distinct registry object it was handed


def scripted(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: datetime | None = None,
    registry: Registry | None = None,
    **_: object,  # lang and whatever else the production analyzer is given
) -> Finding:
    if "SPIN" in text:
        deadline = time.monotonic() + SPIN_SECONDS
        while time.monotonic() < deadline:
            pass
    if "BOOM" in text:
        raise ValueError("cannot read this one")
    if "DIE" in text:
        os._exit(3)
    if "WARN" in text:
        log.warning("odd article %r", title)
    coach = registry.manager_of("real-madrid") if registry is not None else None
    if "Real Madrid" not in text or coach is None:
        return Finding(pressure=False, level=0, score=0.0)
    return Finding(
        pressure=True,
        level=1,
        score=0.3,
        manager=coach.name,
        club="Real Madrid",
        manager_key=coach.key,
        club_key="real-madrid",
    )


def registry_probe(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: datetime | None = None,
    registry: Registry | None = None,
    **_: object,  # lang and whatever else the production analyzer is given
) -> Finding:
    """Reports how many registry objects this worker has received (score) and Real Madrid's coach."""
    if not any(seen is registry for seen in _seen):
        _seen.append(registry)
    coach = registry.manager_of("real-madrid") if registry is not None else None
    return Finding(pressure=False, level=0, score=float(len(_seen)), manager=coach.name if coach else None)


def language_probe(text: str, *, lang: str | None = None, **_: object) -> Finding:
    """Echoes the language the worker was handed, so a test sees it cross the process boundary."""
    return Finding(pressure=False, level=0, score=0.0, lang=lang)
