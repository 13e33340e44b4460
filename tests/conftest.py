"""Fixtures every test package may use: settings on a temp store, an open Store, the Service.

The storage, service and delivery suites (BOTH_BACKENDS) run each test that uses `store`,
`settings` or `service` twice: on a SQLite file and on PostgreSQL (tests/support/postgres.py). A
test that checks something only SQLite has (its file, PRAGMAs, query plans) is marked
`sqlite_only`, one about PostgreSQL alone `postgres_only`. Elsewhere these fixtures are SQLite only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import cast

import pytest

from bot.config import Settings, load_settings
from bot.service import Service
from storage import Store
from tests.support.postgres import ADMIN_URL, SessionDatabase

BOTH_BACKENDS = (
    "tests/storage/",
    "tests/cluster/",
    "tests/digest/",
    "tests/rumours/",
    "tests/foundation/test_store.py",
    "tests/foundation/test_service.py",
    "tests/foundation/test_story_watch.py",
)
ROOT = Path(__file__).resolve().parents[1]
ISOLATED_VARIABLES = (
    "DISCORD_TOKEN",
    "FOOTBALL_DATA_TOKEN",
    "HOTSEAT_DB",
    "HOTSEAT_DATABASE_URL",
    "HOTSEAT_LOG_FILE",
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: checks something only the SQLite store has")
    config.addinivalue_line("markers", "postgres_only: runs its store fixtures on PostgreSQL only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the suites named in BOTH_BACKENDS on both stores (`backend` is sqlite elsewhere)."""
    if "backend" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if metafunc.definition.get_closest_marker("postgres_only"):
        metafunc.parametrize("backend", ["postgres"], indirect=True)
        return
    where = metafunc.definition.path.relative_to(ROOT).as_posix()
    if where.startswith(BOTH_BACKENDS):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


_DATABASE = SessionDatabase()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Without a PostgreSQL server, the PostgreSQL half (and every test asking for the server itself,
    `postgres_server`) skips here, all under one reason and one line."""
    callspec = getattr(item, "callspec", None)
    on_postgres = callspec is not None and callspec.params.get("backend") == "postgres"
    if on_postgres or "postgres_server" in getattr(item, "fixturenames", ()):
        _DATABASE.check_server()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[SessionDatabase]:
    """The run's PostgreSQL database (created on first use, dropped at the end)."""
    yield _DATABASE
    _DATABASE.drop()


@pytest.fixture
def postgres_server() -> str:
    """The test server's maintenance-database URL, for tests that make databases of their own."""
    return ADMIN_URL


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgres": which store this test runs on."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
async def database_url(backend: str, postgres_database: SessionDatabase) -> str | None:
    """The PostgreSQL URL of an emptied, migrated database on the postgres backend, else None."""
    if backend != "postgres":
        return None
    return await postgres_database.ready()


async def open_store(path: Path, database_url: str | None) -> Store:
    """A Store on `path`, or a PgStore on `database_url` when given (same interface)."""
    if database_url is None:
        return await Store.open(path)
    from storage.pgstore import PgStore

    return cast(Store, await PgStore.open(database_url))


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None) -> Settings:
    """Settings isolated from the developer's environment and .env: a temp DB, no token, no default feeds."""
    monkeypatch.chdir(tmp_path)
    for name in ISOLATED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    values: dict[str, object] = {
        "HOTSEAT_DB": str(tmp_path / "hotseat.db"),
        "HOTSEAT_DEFAULT_FEEDS": False,
        "HOTSEAT_ALLOW_PRIVATE_FEEDS": True,
        "HOTSEAT_TIMEZONE": "UTC",
    }
    if database_url is not None:
        values["HOTSEAT_DATABASE_URL"] = database_url
    return load_settings(**values)


@pytest.fixture
async def store(tmp_path: Path, database_url: str | None) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path / "store.db", database_url)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def service(settings: Settings) -> AsyncIterator[Service]:
    opened = await Service.open(settings)
    try:
        yield opened
    finally:
        await opened.close()
