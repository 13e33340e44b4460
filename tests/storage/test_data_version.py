"""`matches.data_version`, which tells the football caches that another connection (another process)
committed, on both stores: a commit elsewhere changes it, so a cached season is re-read."""

from __future__ import annotations

from pathlib import Path

from storage import Store
from storage import matches as match_rows
from tests.conftest import open_store


async def _version(store: Store) -> int:
    async with store.read() as db:
        return await match_rows.data_version(db)


async def test_a_commit_by_another_process_changes_the_data_version(
    store: Store, tmp_path: Path, database_url: str | None, backend: str
) -> None:
    other = await open_store(tmp_path / "store.db", database_url)
    try:
        before = await _version(store)
        if backend == "sqlite":
            # SQLite's counter moves only on commits; PostgreSQL's snapshot also moves when any
            # transaction of the server begins or ends, so an idle stretch is not asserted there.
            assert await _version(store) == before
        async with other.transaction() as db:
            await db.execute("INSERT INTO competitions (code, name, country) VALUES ('de.1', 'BL', 'DE')")
        assert await _version(store) != before
    finally:
        await other.close()
