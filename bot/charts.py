"""Charts as PNG bytes: matplotlib's object API (never pyplot in a server), rendered in a thread."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

Series = Sequence[tuple[datetime, float]]


def render_pressure(series: Series, title: str) -> bytes:
    """A line of the pressure index over time; an empty series gives a chart saying so."""
    figure = Figure(figsize=(8, 3.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if series:
        times = [moment for moment, _ in series]
        values = [value for _, value in series]
        axes.plot(times, values, color="#c0392b", linewidth=2)  # type: ignore[arg-type]
        axes.fill_between(times, values, color="#c0392b", alpha=0.15)  # type: ignore[arg-type]
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        axes.set_ylim(bottom=0)
    else:
        axes.text(0.5, 0.5, "no pressure recorded yet", ha="center", va="center", transform=axes.transAxes)
        axes.set_xticks([])
        axes.set_yticks([])
    axes.set_title(title)
    axes.set_ylabel("pressure index")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


async def pressure_png(series: Series, title: str) -> bytes:
    """Render off the event loop: a chart takes tens of milliseconds of CPU."""
    return await asyncio.to_thread(render_pressure, list(series), title)
