"""The database file itself: foreign or damaged, deleted while running, in a read-only folder
(issue 10 M6, L2, L3, L8)."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import pytest

from bot.__main__ import main
from storage import Store, StoreError, StoreWriteError
from storage.store import DAMAGED

FOREIGN = b"PK\x03\x04 this is a zip file, not SQLite " * 200


async def _write_one(store: Store) -> None:
    async with store.transaction() as db:
        await db.execute(
            "INSERT INTO registry_meta (key, value) VALUES ('probe', 'x') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )


def test_a_foreign_file_gets_one_line_and_leaves_no_connection_thread(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(FOREIGN)
    before = set(threading.enumerate())
    with pytest.raises(StoreError) as refused:
        asyncio.run(Store.open(path))
    assert str(refused.value) == f"{path}: {DAMAGED}"

    def leftovers() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t not in before and t.is_alive()]

    deadline = time.monotonic() + 5
    while leftovers() and time.monotonic() < deadline:
        time.sleep(0.01)  # a closed aiosqlite connection's thread ends just after close() returns
    assert not leftovers(), "a connection thread outlived the failed open"
    assert path.read_bytes() == FOREIGN, "the file was changed"


def test_the_cli_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(FOREIGN)
    assert main(["--db", str(path), "about"]) == 1
    err = capsys.readouterr().err
    assert err == f"hotseat: {path}: {DAMAGED}\n"


async def test_damage_while_running_stops_writes_with_the_same_line(tmp_path: Path) -> None:
    path = tmp_path / "hotseat.db"
    store = await Store.open(path)
    try:
        await _write_one(store)
        with open(path, "r+b") as raw:  # same inode: the file is overwritten in place
            raw.write(FOREIGN[:4096])
        assert store.check_file(deep=True) == f"{path}: {DAMAGED}"  # the minute timer's look
        with pytest.raises(StoreWriteError, match=DAMAGED):
            await _write_one(store)
        assert store.write_problem == f"{path}: {DAMAGED}"
    finally:
        await store.close()


async def test_a_deleted_database_file_is_noticed_and_writing_stops(tmp_path: Path) -> None:
    path = tmp_path / "hotseat.db"
    store = await Store.open(path)
    try:
        await _write_one(store)
        assert store.check_file() is None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        problem = store.check_file()
        assert problem is not None and "deleted or replaced" in problem
        with pytest.raises(StoreWriteError, match="deleted or replaced"):
            await _write_one(store)
        assert store.write_problem == problem
        assert not path.exists(), "a write recreated or touched the deleted file"
    finally:
        await store.close()


async def test_about_notices_a_replaced_database_file(tmp_path: Path) -> None:
    from bot.config import load_settings
    from bot.service import Service

    path = tmp_path / "hotseat.db"
    service = await Service.open(
        load_settings(HOTSEAT_DB=str(path), HOTSEAT_DEFAULT_FEEDS=False, HOTSEAT_OPENFOOTBALL_URL="off")
    )
    try:
        path.rename(tmp_path / "moved.db")
        path.write_bytes(b"")
        about = await service.about()
        assert about.write_problem is not None and "deleted or replaced" in about.write_problem
        assert "deleted or replaced" in about.to_text()
    finally:
        await service.close()


async def test_a_read_only_folder_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hotseat.db"
    store = await Store.open(path)
    await _write_one(store)
    await store.close()
    # Tests run as root here, so the folder's permissions cannot say no: ask as an ordinary user would.
    real_access = os.access
    monkeypatch.setattr(
        "storage.store.os.access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    store = await Store.open(path)
    try:
        assert store.write_problem is not None and "read-only" in store.write_problem
        async with (
            store.read() as db,
            db.execute("SELECT value FROM registry_meta WHERE key = 'probe'") as rows,
        ):
            assert (await rows.fetchone())[0] == "x"
        with pytest.raises(StoreWriteError):
            await _write_one(store)
    finally:
        await store.close()
    with pytest.raises(StoreError, match="read-only"):
        await Store.open(tmp_path / "new.db")
