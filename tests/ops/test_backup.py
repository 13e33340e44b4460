"""`hotseat backup` / `hotseat restore`: a consistent copy while the bot writes, restored identically,
and every bad input refused with a clear message and nothing lost."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.backup import backup, restore
from bot.errors import UserError
from storage import Store
from storage import articles as articles_db
from storage.store import LATEST_VERSION

T0 = datetime(2026, 12, 1, 12, tzinfo=UTC)


async def _write_forever(store: Store, serial: itertools.count[int]) -> None:
    """The bot's writes, as fast as they come: small transactions of three articles each."""
    while True:
        batch = []
        for _ in range(3):
            n = next(serial)
            url = f"https://news.example/{n}"
            batch.append(
                articles_db.NewArticle(
                    feed_id=None,
                    guid=None,
                    url=url,
                    canonical_url=url,
                    title=f"Story {n}",
                    summary="A manager under pressure.",
                    content_hash=f"hash-{n}",
                    outlet="Marca",
                    language="en",
                    published_at=T0,
                    fetched_at=T0,
                )
            )
        async with store.transaction() as db:
            await articles_db.insert_many(db, batch)
        await asyncio.sleep(0)


def _consistent_articles(path: Path) -> int:
    """The copy is whole and one snapshot: the trigger-kept counter matches the rows, in threes."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        counted = conn.execute("SELECT n FROM row_counts WHERE name = 'articles'").fetchone()[0]
    assert rows == counted and rows % 3 == 0
    return int(rows)


def _dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


async def test_backups_taken_while_the_bot_writes_are_consistent_and_restore_identically(
    tmp_path: Path,
) -> None:
    live = tmp_path / "hotseat.db"
    store = await Store.open(live)
    writer = asyncio.create_task(_write_forever(store, itertools.count(1)))
    try:
        sizes = []
        for i in range(5):
            await asyncio.sleep(0.05)
            report = await asyncio.to_thread(backup, live, tmp_path / f"copy-{i}.db")
            assert report.version == LATEST_VERSION
            sizes.append(_consistent_articles(tmp_path / f"copy-{i}.db"))
            assert report.rows["articles"] == sizes[-1]
    finally:
        writer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writer
        await store.close()
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0] > 0  # the bot really was writing

    target = tmp_path / "restored" / "hotseat.db"
    target.parent.mkdir()
    report = restore(tmp_path / "copy-4.db", target)
    assert (report.action, report.rows["articles"]) == ("restored", sizes[-1])
    assert _dump(target) == _dump(tmp_path / "copy-4.db")
    reopened = await Store.open(target)  # the restored file opens as a normal store
    await reopened.close()


async def test_bad_input_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    live = tmp_path / "hotseat.db"
    await (await Store.open(live)).close()
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"keep me")
    with pytest.raises(UserError, match="already exists"):
        backup(live, existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(UserError, match="no database"):
        backup(tmp_path / "missing.db", tmp_path / "new.db")

    before = _dump(live)
    with pytest.raises(UserError, match="not a Hotseat database"):
        restore(existing, live, force=True)
    copy = tmp_path / "copy.db"
    backup(live, copy)
    with pytest.raises(UserError, match="pass --force"):
        restore(copy, live)
    with contextlib.closing(sqlite3.connect(copy)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.commit()
    with pytest.raises(UserError, match="newer than this Hotseat"):
        restore(copy, live, force=True)
    assert _dump(live) == before
    assert not list(tmp_path.glob(".*.partial"))  # no half-written file left behind


def test_the_cli_backs_up_and_restores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = tmp_path / "hotseat.db"
    monkeypatch.setenv("HOTSEAT_DB", str(live))
    assert main(["about"]) == 0  # creates the store
    assert main(["backup", str(tmp_path / "b.db")]) == 0
    assert "backed up to" in capsys.readouterr().out
    assert main(["backup", str(tmp_path / "b.db")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "b.db"), "--force"]) == 0
    assert _dump(live) == _dump(tmp_path / "b.db")
