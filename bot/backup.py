"""`hotseat backup` and `hotseat restore`: a consistent copy of a live store, and putting one back.

The copy uses SQLite's online backup API, which reads one snapshot of the database while the bot
keeps writing (WAL mode): no stop, no half-written transaction in the copy. A copy is written beside
its target under a temporary name, checked (`PRAGMA integrity_check`) and only then renamed into
place, so an interrupted backup or restore never leaves a half file under the real name. Restoring
refuses a newer schema than this Hotseat knows (as opening it would), and an older one is upgraded
by the normal migrations the next time the store opens. Plain sqlite3 in a worker thread: the work
is file I/O, and the CLI runs it off the event loop.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.errors import UserError
from storage.store import LATEST_VERSION, SQLITE_MAGIC

COUNTED_TABLES = ("articles", "findings", "stories", "guilds", "deliveries")


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What a backup or restore copied: the schema version and a few row counts."""

    action: str
    path: Path
    version: int
    rows: dict[str, int]

    def to_text(self) -> str:
        counts = ", ".join(f"{n:,} {table}" for table, n in self.rows.items())
        return f"{self.action} {self.path} (schema version {self.version}): {counts}"

    def to_dict(self) -> dict[str, object]:
        return {"action": self.action, "path": str(self.path), "version": self.version, "rows": self.rows}


def backup(database: Path, target: Path) -> CopyReport:
    """Copy the live store at `database` to a new file `target` (never overwritten)."""
    if not database.is_file():
        raise UserError(f"there is no database at {database} (set HOTSEAT_DB or --db)")
    _check_magic(database)
    if target.exists():
        raise UserError(f"{target} already exists: choose a new file name for the backup")
    if not target.parent.is_dir():
        raise UserError(f"the folder {target.parent} does not exist")
    _copy(database, target)
    return _report("backed up to", target)


def restore(source: Path, database: Path, *, force: bool = False) -> CopyReport:
    """Replace the store at `database` with the backup `source`, after checking the backup."""
    if not source.is_file():
        raise UserError(f"there is no backup at {source}")
    _check_magic(source)
    version = _checked_version(source)
    if version > LATEST_VERSION:
        raise UserError(
            f"{source} has schema version {version}, newer than this Hotseat's {LATEST_VERSION}: "
            "upgrade Hotseat before restoring it"
        )
    if database.exists() and not force:
        raise UserError(f"{database} exists: stop the bot, then pass --force to replace it")
    if Path(f"{database}-shm").exists() and not force:
        raise UserError(f"{database} looks in use by a running bot: stop it first")
    if not database.parent.is_dir():
        raise UserError(f"the folder {database.parent} does not exist")
    _copy(source, database)
    for stale in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        # The old file's write-ahead log must never be replayed onto the restored one.
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    return _report("restored", database)


def _check_magic(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise UserError(f"{path} is not a Hotseat database (not an SQLite file)")


def _checked_version(path: Path) -> int:
    """The file's schema version, after SQLite confirms it is whole."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{path} is damaged: {exc}") from None
    if verdict != "ok":
        raise UserError(f"{path} is damaged: {verdict}")
    if version < 1:
        raise UserError(f"{path} is not a Hotseat database (no schema version)")
    return version


def _copy(source: Path, target: Path) -> None:
    """One consistent snapshot of `source` into `target`, via a checked temporary file."""
    partial = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)  # all pages in one step: one read snapshot, whatever the bot writes
            dst.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        _checked_version(partial)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise UserError(f"could not copy {source}: {exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def _report(action: str, path: Path) -> CopyReport:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in COUNTED_TABLES
            if table in tables
        }
    return CopyReport(action, path, version, rows)
