"""Offline replay: saved feed files through the same parse/clean/dedupe path."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import UserError
from bot.news.service import NewsService
from storage import articles
from tests.news.conftest import Recorder
from tests.support.feed_server import atom_feed, item, rdf_feed, rss_feed

BBC = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "feeds"
    / "bbc-sport-football__Kinshuk28-touchline__rss-bbc.xml"
)


async def test_replay_stores_each_article_once_and_skips_non_feeds(
    news: NewsService, tmp_path: Path, recorder: Recorder
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "one.xml").write_bytes(rss_feed([item(1), item(2)]))
    (folder / "two.atom").write_bytes(atom_feed([item(2), item(3)]))
    (folder / "three.rdf").write_bytes(rdf_feed([item(4)]))
    (folder / "latin1.xml").write_bytes(
        rss_feed([item(5, title="Técnico destituido")], encoding="iso-8859-1")
    )
    (folder / "notes.txt").write_text("just some notes")
    (folder / "bomb.xml").write_bytes(b'<!DOCTYPE r [<!ENTITY a "x">]><rss><channel/></rss>')
    report = await news.ingest_dir(folder)
    assert report.ok
    assert (report.files, report.feeds, report.new, report.duplicates) == (6, 4, 5, 1)
    assert {name for name, _ in report.skipped} == {"notes.txt", "bomb.xml"}
    assert "skipped notes.txt" in report.to_text()
    assert len(recorder.seen) == 5 and all(a.first_poll for a in recorder.seen)
    again = await news.ingest_dir(folder)
    assert (again.new, again.duplicates) == (0, 6)
    async with news.store.read() as db:
        assert await articles.count(db) == 5


async def test_missing_folder_is_a_user_error(news: NewsService, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a folder"):
        await news.ingest_dir(tmp_path / "nope")


async def test_bbc_sample_replay(news: NewsService, tmp_path: Path) -> None:
    if not BBC.is_file():
        pytest.skip("../shared/data/feeds sample not present")
    folder = tmp_path / "bbc"
    folder.mkdir()
    (folder / "bbc.xml").write_bytes(BBC.read_bytes())
    report = await news.ingest_dir(folder)
    # 70 items, 6 of which repeat an article under a second positional GUID.
    assert (report.items, report.new, report.duplicates) == (70, 64, 6)
    async with news.store.read() as db:
        stored = await articles.titles(db)
        async with db.execute("SELECT DISTINCT outlet FROM articles") as cursor:
            outlets = [row[0] for row in await cursor.fetchall()]
    assert outlets == ["BBC Sport"]
    assert len({url.split("?")[0] for _, url in stored}) == 64
