"""`hotseat migrate-store`: copy a SQLite store into an empty PostgreSQL database, table by table.

Tables and columns come from the PostgreSQL schema (the mirrored migrations), so a table added by a
later migration is copied without a change here. Rows go in with COPY while triggers and foreign
keys are paused (`session_replication_role = replica`), so counters (row_counts) are copied as they
were instead of being counted again; identity sequences are then moved past the largest id, and the
row counts and a sample of rows of every table are compared before the copy is reported done.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.pgstore import PgStore
from storage.store import LATEST_VERSION, Store, StoreError, schema_version

_C_COLLATION = ' COLLATE "C"'  # bytewise text order, as SQLite sorts
SAMPLE = 200  # rows per table compared at the end, first by every column


@dataclass(frozen=True)
class Copied:
    table: str
    rows: int


async def _pg_tables(target: PgStore) -> dict[str, list[str]]:
    async with target.read() as db:
        rows = await db.raw.fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name <> 'hotseat_schema' "
            "ORDER BY table_name, ordinal_position"
        )
    tables: dict[str, list[str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], []).append(row["column_name"])
    return tables


async def _sample(db: Any, table: str, columns: list[str], order: str) -> list[tuple[Any, ...]]:
    sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order} LIMIT {SAMPLE}"
    async with db.execute(sql) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


async def migrate_store(source: Path, url: str, *, force: bool = False) -> list[Copied]:
    """Copy every table of the SQLite file `source` into the PostgreSQL database at `url`.

    Refuses a target that already holds data unless `force` (which empties it first)."""
    if not source.is_file():
        raise StoreError(f"there is no SQLite store at {source}")
    store = await Store.open(source)
    target = await PgStore.open(url)
    try:
        async with store.read() as src:
            if await schema_version(src) != LATEST_VERSION:
                raise StoreError(
                    f"{source} is not at schema version {LATEST_VERSION}: run Hotseat on it once"
                )
        tables = await _pg_tables(target)
        copied: list[Copied] = []
        async with target.transaction() as dst:
            held = [
                t for t in tables if t != "row_counts" and await dst.raw.fetchval(f"SELECT count(*) FROM {t}")
            ]
            if held and not force:
                raise StoreError(
                    f"the target database already holds data (tables {', '.join(sorted(held))}): "
                    "point --to at an empty database, or pass --force to replace its contents"
                )
            await dst.raw.execute("SET LOCAL session_replication_role = replica")
            await dst.raw.execute(f"TRUNCATE {', '.join(tables)}")
            for table, columns in tables.items():
                async with store.read() as src:
                    rows = await src.execute_fetchall(f"SELECT {', '.join(columns)} FROM {table}")
                records = [tuple(row) for row in rows]
                await dst.raw.copy_records_to_table(table, records=records, columns=columns)
                copied.append(Copied(table, len(records)))
            await _reset_identities(dst.raw)
        async with target.read() as db:
            await db.raw.execute("ANALYZE")  # COPY leaves the planner without statistics until autovacuum
        await _compare(store, target, tables, copied)
        return copied
    finally:
        await target.close()
        await store.close()


async def _reset_identities(raw: Any) -> None:
    """Move every identity sequence past the largest copied id, so new rows get fresh ids."""
    for row in await raw.fetch(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    ):
        table, column = row["table_name"], row["column_name"]
        await raw.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"coalesce(max({column}), 0) + 1, false) FROM {table}"
        )


async def _compare(store: Store, target: PgStore, tables: dict[str, list[str]], copied: list[Copied]) -> None:
    """Counts and a sample of rows must read back the same from both stores."""
    for done in copied:
        columns = tables[done.table]
        async with target.read() as dst:
            count = await dst.raw.fetchval(f"SELECT count(*) FROM {done.table}")
            text = {
                row["column_name"]
                for row in await dst.raw.fetch(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = $1 "
                    "AND data_type = 'text'",
                    done.table,
                )
            }
            # SQLite's order: bytewise text, NULL first.
            pg_order = ", ".join(f"{c}{_C_COLLATION if c in text else ''} NULLS FIRST" for c in columns)
            theirs = await _sample(dst, done.table, columns, pg_order)
        async with store.read() as src:
            ours = await _sample(src, done.table, columns, ", ".join(columns))
        if count != done.rows or theirs != ours:
            raise StoreError(
                f"table {done.table} differs after the copy ({done.rows} rows read, {count} stored)"
            )


__all__ = ["Copied", "migrate_store"]
