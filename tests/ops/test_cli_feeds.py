"""`hotseat feeds bundled|retry|list` steer the same feeds as /feeds on Discord and in the console:
the console's own server by default, any server with --server."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.news.defaults import default_feeds

SPANISH = sorted(feed.url for feed in default_feeds() if feed.language == "es")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOTSEAT_DEFAULT_FEEDS", "true")  # rows only: nothing is fetched here
    monkeypatch.setenv("HOTSEAT_OPENFOOTBALL_URL", "off")
    monkeypatch.delenv("HOTSEAT_LOG_FILE", raising=False)
    return tmp_path / "hotseat.db"


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_a_language_off_for_one_server_only(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _json(
        capsys, ["--db", str(db), "--json", "feeds", "bundled", "off", "--language", "es", "--server", "42"]
    )
    assert isinstance(report, dict) and report["enabled"] is False and report["language"] == "es"
    assert sorted(feed["url"] for feed in report["feeds"]) == SPANISH
    here = _json(capsys, ["--db", str(db), "--json", "feeds", "list", "--server", "42"])
    assert isinstance(here, list)
    off = sorted(feed["url"] for feed in here if feed["switched_off_here"])
    assert off == SPANISH
    assert {feed["switched_off_here"]["language"] for feed in here if feed["switched_off_here"]} == {"es"}
    console = _json(capsys, ["--db", str(db), "--json", "feeds", "list"])
    assert isinstance(console, list) and not any(feed["switched_off_here"] for feed in console)
    assert {feed["origin"] for feed in console} == {"bundled"}


def test_one_feed_off_then_retry_a_disabled_one(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "feeds", "bundled", "false", "--feed", "1"]) == 0
    assert "Switched that feed off here (1 feed(s))" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE feeds SET disabled_reason = 'gone (410)', disabled_at = '2026-12-01T10:00:00+00:00', "
            "failures = 1 WHERE id = 2"
        )
    assert main(["--db", str(db), "feeds", "list"]) == 0
    out = capsys.readouterr().out
    assert "disabled since 2026-12-01, after 1 failure(s)" in out
    assert "[off]" in out.split("\n#2 ")[0], "feed 1 is off for the console's server"
    again = _json(capsys, ["--db", str(db), "--json", "feeds", "retry", "2"])
    assert isinstance(again, dict) and (again["state"], again["disabled_at"]) == ("new", None)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["feeds", "bundled", "maybe", "--language", "es"], "not true or false: 'maybe'"),
        (["feeds", "bundled", "off", "--language", "es", "--server", "abc"], "takes a Discord server's id"),
        (["feeds", "bundled", "off"], "Name either a language or one feed"),
        (["feeds", "bundled", "off", "--language", "xx"], "no bundled feeds in 'xx'"),
        (["feeds", "retry", "1"], "is not disabled: there is nothing to retry"),
    ],
)
def test_bad_requests_get_one_line(
    db: Path, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "about"]) == 0  # the store and its bundled feeds exist
    capsys.readouterr()
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as exited:  # argparse refusing a value
        code = int(exited.code or 0)
    err = capsys.readouterr().err
    assert code != 0 and expected in err and len(err.strip().splitlines()) == 1, err
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT count(*) FROM guild_feed_languages").fetchone()[0]
        rows += conn.execute("SELECT count(*) FROM guild_feed_choices").fetchone()[0]
    assert rows == 0
