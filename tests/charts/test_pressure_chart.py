"""The /manager chart as a PNG: valid, sized, not blank, legible on Discord's dark and light themes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest

pytest.importorskip("matplotlib")

import numpy as np
from matplotlib.image import imread

from bot import charts
from bot.charts import date_label, is_flat, pressure_png, render_pressure

START = datetime(2026, 1, 1, tzinfo=UTC)
SERIES = [(START + timedelta(days=n), float(n % 7)) for n in range(90)]
DARK = np.array([0x31, 0x33, 0x38]) / 255
LIGHT = np.array([1.0, 1.0, 1.0])


def _over(png: bytes, background: np.ndarray) -> np.ndarray:
    """The PNG composited on a theme's background, as Discord shows it."""
    image = imread(BytesIO(png), format="png")
    rgb, alpha = image[..., :3], image[..., 3:4]
    return rgb * alpha + background * (1 - alpha)  # type: ignore[no-any-return]


def _luminance(rgb: np.ndarray) -> np.ndarray:
    return 0.2126 * rgb[..., 0] + 0.7152 * rgb[..., 1] + 0.0722 * rgb[..., 2]  # type: ignore[no-any-return]


async def test_chart_is_a_sized_png_that_is_not_blank() -> None:
    png = await pressure_png(SERIES, "Xabi Alonso: pressure")
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert 5_000 < len(png) < 500_000
    image = imread(BytesIO(png), format="png")
    assert image.shape[:2] == (320, 800)
    assert float(np.var(_luminance(_over(png, LIGHT)))) > 0.001


@pytest.mark.parametrize("background", [DARK, LIGHT], ids=["dark", "light"])
def test_chart_background_is_transparent_and_ink_contrasts(background: np.ndarray) -> None:
    png = render_pressure(SERIES, "Xabi Alonso: pressure")
    image = imread(BytesIO(png), format="png")
    assert image[0, 0, 3] == 0.0  # the corner shows the theme, not a white card
    shown = _luminance(_over(png, background))
    base = _luminance(background)
    drawn = np.abs(shown - base) > 0.25  # pixels a reader can tell from the theme
    assert drawn[:, :70].mean() > 0.01, "the axis labels vanish on this theme"
    assert drawn[60:250, 120:740].mean() > 0.01, "the line vanishes on this theme"


def test_stories_are_marked_in_their_level_colour() -> None:
    plain = render_pressure(SERIES, "t")
    marked = render_pressure(SERIES, "t", [(START + timedelta(days=40), 3)])
    red = np.array([0xE7, 0x4C, 0x3C]) / 255

    def reds(png: bytes) -> int:
        rgb = _over(png, LIGHT)
        return int((np.abs(rgb - red).max(axis=-1) < 0.05).sum())

    assert reds(marked) > reds(plain) + 20


async def test_flat_or_empty_series_gives_no_chart() -> None:
    flat = [(moment, 0.0) for moment, _ in SERIES]
    assert is_flat([]) and is_flat(flat) and not is_flat(SERIES)
    assert await pressure_png(flat, "t") is None
    assert await pressure_png([], "t") is None


async def test_without_matplotlib_no_chart_and_one_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` raise ImportError
    monkeypatch.setattr(charts, "_warned", False)
    with caplog.at_level("WARNING", logger="bot.charts"):
        assert await pressure_png(SERIES, "t") is None
        assert await pressure_png(SERIES, "t") is None
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "hotseat[charts]" in caplog.records[0].message and len(caplog.records) == 1


def test_time_axis_speaks_the_readers_language() -> None:
    march, mid_march, january = datetime(2026, 3, 1), datetime(2026, 3, 15), datetime(2027, 1, 1)
    assert date_label(march, "de", first=False) == "Mär"
    assert date_label(march, "es", first=False) == "mar"
    assert date_label(march, "en", first=True) == "Mar 2026"  # the first tick says the year
    assert date_label(january, "fr", first=False) == "janv. 2027"  # and so does a new year
    assert date_label(mid_march, "it", first=False) == "15"


def test_legend_names_the_marked_levels_above_the_plot() -> None:
    marks = [(START + timedelta(days=40), 3)]
    bare = render_pressure(SERIES, "t", marks)
    named = render_pressure(SERIES, "t", marks, levels={3: "out"})
    red = np.array([0xE7, 0x4C, 0x3C]) / 255

    def reds_in_header(png: bytes) -> int:  # the strip above the plot, right of the title
        rgb = _over(png, DARK)[:30, 400:]
        return int((np.abs(rgb - red).max(axis=-1) < 0.05).sum())

    assert reds_in_header(named) > 20 and reds_in_header(bare) == 0
