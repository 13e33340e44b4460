"""`hotseat ingest` (issue 10 L4, L5): a store that cannot write stops it with one line, and articles an
earlier run stored but never analysed are caught up as a poll would."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from bot.__main__ import main
from storage import StoreWriteError

ITEM = (
    "<item><title>{title}</title><link>https://desk.example/{n}</link><guid>https://desk.example/{n}</guid>"
    "<pubDate>Mon, 02 Mar 2026 10:0{n}:00 GMT</pubDate><description>{title}.</description></item>"
)


def write_feeds(folder: Path, files: int) -> Path:
    folder.mkdir()
    for n in range(files):
        title = f"Barcelona sack Hansi Flick, report {n}"
        (folder / f"desk{n}.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
            f"<link>https://desk{n}.example/</link><description>news</description>"
            f"{ITEM.format(title=title, n=n)}</channel></rss>",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOTSEAT_DEFAULT_FEEDS", "false")
    monkeypatch.setenv("HOTSEAT_OPENFOOTBALL_URL", "off")
    monkeypatch.delenv("HOTSEAT_LOG_FILE", raising=False)
    return tmp_path / "hotseat.db"


def test_a_store_that_cannot_write_stops_ingest_with_one_line(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = write_feeds(tmp_path / "feeds", 6)
    assert main(["--db", str(env), "about"]) == 0  # the store exists
    capsys.readouterr()
    real_access = os.access  # as root the folder cannot refuse: answer as for a read-only folder
    monkeypatch.setattr(
        "storage.store.os.access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    assert main(["--db", str(env), "ingest", "--from-dir", str(feeds)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "failed" not in err, err
    assert out.count("read-only") == 1, out  # stopped at the first file, with the store's own words


def test_ingest_catches_up_articles_never_analysed(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.service import Service

    async def cannot_record(self: Service, article: object) -> None:
        raise StoreWriteError("the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(Service, "_record_article", cannot_record)
        assert main(["--db", str(env), "ingest", "--from-dir", str(write_feeds(tmp_path / "a", 3))]) == 0
    with sqlite3.connect(env) as db:
        assert db.execute("SELECT count(*) FROM articles WHERE analysed = 0").fetchone()[0] == 3

    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--db", str(env), "ingest", "--from-dir", str(empty)]) == 0
    with sqlite3.connect(env) as db:
        assert db.execute("SELECT count(*) FROM articles WHERE analysed = 0").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM findings").fetchone()[0] == 3
