"""Charts as PNG bytes: matplotlib's object API (never pyplot in a server), rendered in a thread.

The PNG has a transparent background and mid-tone colours so it reads on Discord's dark (#313338) and
light (#ffffff) themes alike. matplotlib is an optional extra (`hotseat[charts]`): without it, and for a
flat or empty series, there is no chart and the caller says so in one line instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from babel.dates import format_date

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


def date_label(moment: datetime, lang: str, first: bool) -> str:
    """A time-axis tick in the reader's language: the month's name at a month's start (with the year in
    January and on the first tick), else the day of the month."""
    if moment.day != 1:
        return str(moment.day)
    pattern = "LLL y" if first or moment.month == 1 else "LLL"
    return format_date(moment, pattern, locale=lang)


def render_pressure(
    series: Series,
    title: str,
    marks: Marks = (),
    *,
    lang: str = "en",
    axis: str = "pressure",
    levels: Mapping[int, str] | None = None,
) -> bytes:
    """A line of the pressure index over time with a level-coloured marker per story; `axis` and
    `levels` (the legend's word per story level) are already in the reader's language `lang`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

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
                label=(levels or {}).get(level),
            )
    locator = AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)

    def tick(value: float, position: int | None) -> str:
        return date_label(num2date(value), lang, first=position == 0)  # type: ignore[no-untyped-call]

    axes.xaxis.set_major_formatter(FuncFormatter(tick))
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # whole numbers: no '12.5' vs '12,5'
    axes.set_title(title, color=INK, loc="left")
    axes.set_ylabel(axis, color=INK)
    axes.tick_params(colors=INK)
    for side, spine in axes.spines.items():
        spine.set_color(INK)
        spine.set_visible(side in ("left", "bottom"))
    axes.grid(alpha=0.3, color=INK)
    if levels and axes.collections[1:]:  # a legend only when a story is marked (the fill is collection 0)
        # above the plot on the right, beside the title, so it never hides the line
        legend: Any = axes.legend(
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncols=3,
            frameon=False,
            labelcolor=INK,
            fontsize="small",
            borderaxespad=0.2,
        )
        legend.set_zorder(4)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png", transparent=True)
    return buffer.getvalue()


async def pressure_png(
    series: Series,
    title: str,
    marks: Marks = (),
    *,
    lang: str = "en",
    axis: str = "pressure",
    levels: Mapping[int, str] | None = None,
) -> bytes | None:
    """Render off the event loop (a chart takes tens of milliseconds of CPU); None when there is
    nothing to show (flat or empty series) or matplotlib is not installed."""
    if is_flat(series) or not available():
        return None
    return await asyncio.to_thread(
        lambda: render_pressure(list(series), title, list(marks), lang=lang, axis=axis, levels=levels)
    )
