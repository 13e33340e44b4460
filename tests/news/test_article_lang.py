"""The language a feed declares reaches the stored article (`lang`), so analysis can read it with the
right pack; a feed that declares none leaves it empty for the detector."""

from __future__ import annotations

from pathlib import Path

from bot.news.service import NewsService
from storage import articles
from tests.news.conftest import Recorder
from tests.support.feed_server import atom_feed, item, rss_feed


def _declaring(tag: str | None, items: list[int]) -> bytes:
    body = rss_feed([item(i) for i in items])
    declared = f"<language>{tag}</language>" if tag else ""
    return body.replace(b"<language>en-gb</language>", declared.encode())


async def test_declared_language_is_stored_and_handed_on(
    news: NewsService, tmp_path: Path, recorder: Recorder
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "marca.xml").write_bytes(_declaring("es-ES", [1]))
    (folder / "kicker.xml").write_bytes(_declaring("DE_de", [2]))
    (folder / "silent.xml").write_bytes(_declaring(None, [3]))
    (folder / "atom.xml").write_bytes(atom_feed([item(4)]))
    report = await news.ingest_dir(folder)
    assert report.new == 4
    handed = {a.title: a.lang for a in recorder.seen}
    assert handed == {
        item(1)["title"]: "es",
        item(2)["title"]: "de",
        item(3)["title"]: None,
        item(4)["title"]: None,
    }
    async with news.store.transaction() as db:
        stored = dict(await db.execute_fetchall("SELECT title, lang FROM articles"))
        # An article that never reached analysis keeps its language for the catch-up after a crash.
        await db.execute("UPDATE articles SET analysed = 0")
    async with news.store.read() as db:
        pending = {row["title"]: row["lang"] for row in await articles.awaiting_analysis(db, 10)}
    assert stored == handed == pending
