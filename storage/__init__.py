"""The one place that talks SQL: a Store over aiosqlite plus one query module per aggregate."""

from storage.store import SchemaTooNewError, Store, StoreError, StoreWriteError

__all__ = ["SchemaTooNewError", "Store", "StoreError", "StoreWriteError"]
