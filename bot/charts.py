"""Charts as PNG bytes: matplotlib's object API (never pyplot in a server), rendered in a thread.

The PNG has a transparent background and mid-tone colours so it reads on Discord's dark (#313338) and
light (#ffffff) themes alike. matplotlib is an optional extra (`hotseat[charts]`): without it, and for a
flat or empty series, there is no chart and the caller says so in one line instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO

log = logging.getLogger(__name__)

Series = Sequence[tuple[datetime, float]]
Marks = Sequence[tuple[datetime, int]]  # a story's time and level

INK = "#8a8f98"  # text, axes and grid: mid grey, legible on both themes
LINE = "#3498db"  # the pressure line: mid blue, apart from the level colours, legible on both
LEVEL_COLOURS = {1: "#f1c40f", 2: "#e67e22", 3: "#e74c3c"}  # rumour, serious, decided
FLAT = 1e-6

_warned = False


def available() -> bool:
    """Whether matplotlib is installed; says once in the log when it is not."""
    global _warned
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        if not _warned:
            _warned = True
            log.warning("matplotlib is not installed (pip install 'hotseat[charts]'): /manager has no chart")
        return False
    return True


def is_flat(series: Series) -> bool:
    """No chart worth drawing: no points, or the same value all along."""
    values = [value for _, value in series]
    return not values or max(values) - min(values) < FLAT


def _value_at(series: Series, moment: datetime) -> float:
    """The index at a story's time: the last point at or before it (the first point if earlier)."""
    value = series[0][1]
    for when, point in series:
        if when > moment:
            break
        value = point
    return value


def render_pressure(series: Series, title: str, marks: Marks = ()) -> bytes:
    """A line of the pressure index over time with a level-coloured marker per story."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 3.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    times = [moment for moment, _ in series]
    values = [value for _, value in series]
    axes.plot(times, values, color=LINE, linewidth=2.5)  # type: ignore[arg-type]
    axes.fill_between(times, values, color=LINE, alpha=0.2)  # type: ignore[arg-type]
    start, end = times[0], times[-1]
    for level in sorted(LEVEL_COLOURS):
        points = [
            (when, _value_at(series, when)) for when, lvl in marks if lvl == level and start <= when <= end
        ]
        if points:
            axes.scatter(
                [when for when, _ in points],  # type: ignore[arg-type]
                [value for _, value in points],
                color=LEVEL_COLOURS[level],
                edgecolors=INK,
                s=80,
                zorder=3,
            )
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.set_ylim(bottom=0)
    axes.set_title(title, color=INK)
    axes.set_ylabel("pressure", color=INK)
    axes.tick_params(colors=INK)
    for spine in axes.spines.values():
        spine.set_color(INK)
    axes.grid(alpha=0.3, color=INK)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png", transparent=True)
    return buffer.getvalue()


async def pressure_png(series: Series, title: str, marks: Marks = ()) -> bytes | None:
    """Render off the event loop (a chart takes tens of milliseconds of CPU); None when there is
    nothing to show (flat or empty series) or matplotlib is not installed."""
    if is_flat(series) or not available():
        return None
    return await asyncio.to_thread(render_pressure, list(series), title, list(marks))
