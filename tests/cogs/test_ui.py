"""Presentation helpers: escaping, cutting and splitting within Discord's limits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cogs._ui import batch, choices, clean, link, make_embed, split_lines, text_embeds, truncate


def test_clean_defuses_mentions_and_markdown() -> None:
    cleaned = clean("@everyone **now** <@123> _x_ @here")
    assert "@everyone" not in cleaned.replace("@\u200beveryone", "")
    assert "\\*\\*now\\*\\*" in cleaned


def test_link_keeps_only_http_and_encodes_parentheses() -> None:
    assert link("a", "javascript:alert(1)") == "a"
    assert link("x", "https://e.example/a_(b)") == "[x](https://e.example/a_%28b%29)"


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=0, max_size=5000), st.integers(min_value=10, max_value=2000))
def test_split_lines_never_exceeds_the_limit_and_loses_nothing(text: str, limit: int) -> None:
    chunks = split_lines(text, limit)
    assert all(len(chunk) <= limit for chunk in chunks)
    assert "".join(chunks).replace("\n", "") == "".join(text.splitlines())


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=0, max_size=3000), st.integers(min_value=2, max_value=500))
def test_truncate_respects_the_limit(text: str, limit: int) -> None:
    assert len(truncate(text, limit)) <= limit


def test_embeds_are_cut_to_limits() -> None:
    fields = [("n" * 400, "v" * 2000, False)] * 40
    embed = make_embed("t" * 500, "d" * 9000, fields=fields, footer="f" * 3000)
    assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25 and len(embed) <= 6000


def test_long_text_becomes_several_embeds_and_messages() -> None:
    embeds = text_embeds("Table", "\n".join(f"row {n} " + "x" * 80 for n in range(400)), code=True)
    assert len(embeds) > 1 and all(len(e) <= 6000 for e in embeds)
    messages = batch(embeds)
    assert all(len(m) <= 10 and sum(len(e) for e in m) <= 6000 for m in messages)


def test_choices_fit_discord() -> None:
    made = choices([(f"name {n} " * 30, f"value-{n}") for n in range(40)] + [("long", "v" * 200)])
    assert len(made) == 25 and all(len(c.name) <= 100 for c in made)


async def test_pressure_chart_is_a_png_only_with_data() -> None:
    from datetime import UTC, datetime, timedelta

    import pytest

    from bot.charts import pressure_png

    pytest.importorskip("matplotlib")  # an optional extra: hotseat[charts]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    series = [(start + timedelta(days=n), float(n % 7)) for n in range(90)]
    png = await pressure_png(series, "Xabi Alonso: pressure index")
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
    assert await pressure_png([], "Xabi Alonso: pressure index") is None
