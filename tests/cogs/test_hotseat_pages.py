"""/hotseat pages: ten managers a page, heat words and bars, no bare index."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.rumours.results import Board, BoardEntry
from cogs.rumours import board_pages


def _board(count: int) -> Board:
    entries = tuple(
        BoardEntry(f"Manager {n}", f"m{n}", "Club", "es.1", 2, 30.0 - n, "up", None, None)
        for n in range(1, count + 1)
    )
    return Board(None, datetime(2026, 3, 1, tzinfo=UTC), entries)


def test_a_long_ranking_pages_by_ten() -> None:
    pages = board_pages(_board(23))
    assert len(pages) == 3
    first, last = pages[0].description or "", pages[2].description or ""
    assert "**1. Manager 1**" in first and "**10. Manager 10**" in first and "Manager 11" not in first
    assert "**21. Manager 21**" in last and "**23. Manager 23**" in last and "Manager 20**" not in last
    assert pages[0].footer.text == "Page 1 of 3"
    assert "boiling ▰▰▰▰▰" in first and "index" not in first


def test_a_short_ranking_is_one_page_without_a_page_footer() -> None:
    pages = board_pages(_board(4))
    assert len(pages) == 1 and pages[0].footer.text is None
    empty = board_pages(_board(0))
    assert len(empty) == 1 and "Nobody is under pressure" in (empty[0].description or "")


def test_pages_read_in_the_callers_language() -> None:
    from bot.i18n import texts

    pages = board_pages(_board(23), texts("es-ES"))
    assert pages[1].footer.text == "Página 2 de 3"
    assert "ardiendo ▰▰▰▰" in (pages[0].description or "") and "boiling" not in (pages[0].description or "")
