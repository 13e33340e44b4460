"""Every `INSERT OR REPLACE` in the code becomes `ON CONFLICT (key) DO UPDATE` on PostgreSQL, with
the key from REPLACE_KEYS. The key must be a real unique constraint there, and the table's only one:
SQLite's REPLACE also replaces a row clashing on any other unique index, which ON CONFLICT (key)
would turn into an error. A new INSERT OR REPLACE without a key fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage import Store
from storage.pgstore import REPLACE_KEYS, PgConnection, translate
from storage.store import StoreError

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = re.compile(r"INSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)", re.IGNORECASE)


def replaced_tables() -> dict[str, list[str]]:
    """Table → the source files writing it with INSERT OR REPLACE (read from the code, not the map)."""
    found: dict[str, list[str]] = {}
    for folder in ("bot", "cogs", "storage"):
        for source in sorted((ROOT / folder).rglob("*.py")):
            if source.name == "pgstore.py":
                continue
            for table in STATEMENT.findall(source.read_text(encoding="utf-8")):
                found.setdefault(table, []).append(str(source.relative_to(ROOT)))
    return found


def test_the_code_has_insert_or_replace_statements_to_check() -> None:
    assert replaced_tables()  # the scan finds them (a broken pattern would pass every check below)


@pytest.mark.postgres_only
async def test_every_insert_or_replace_has_the_tables_only_unique_key(store: Store) -> None:
    async with store.read() as db:
        raw = db.raw if isinstance(db, PgConnection) else None
        assert raw is not None
        rows = await raw.fetch(
            "SELECT t.relname AS table_name, array_agg(a.attname ORDER BY a.attname) AS columns "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public' "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indisunique GROUP BY i.indexrelid, t.relname"
        )
    unique: dict[str, list[set[str]]] = {}
    for row in rows:
        unique.setdefault(row["table_name"], []).append(set(row["columns"]))
    for table, sources in replaced_tables().items():
        assert table in REPLACE_KEYS, f"{table} (written in {sources}) needs its key in REPLACE_KEYS"
        keys = unique.get(table)
        assert keys == [set(REPLACE_KEYS[table])], (
            f"{table}: REPLACE_KEYS {REPLACE_KEYS[table]}, unique {keys}"
        )


def test_a_replace_into_a_table_without_a_key_is_refused_clearly() -> None:
    with pytest.raises(StoreError, match="REPLACE_KEYS"):
        translate("INSERT OR REPLACE INTO some_new_table (a, b) VALUES (?, ?)")
    with pytest.raises(StoreError, match="among the inserted columns"):
        translate("INSERT OR REPLACE INTO manager_pressure (scope, rank_key) VALUES (?, ?)")
