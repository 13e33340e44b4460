"""Issue 10's start-up and terminal holes: a half-read `.env`, unbounded numbers, bad paths, control
characters reaching the terminal, interaction tokens in DEBUG logs, and `run < /dev/null`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.config import load_settings
from bot.errors import UserError
from bot.logs import SafeFormatter, redact
from bot.terminal import one_line, printable

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "HOTSEAT_DB", "HOTSEAT_LOG_FILE", "HOTSEAT_RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_an_unparseable_env_line_refuses_to_start_naming_file_and_line(workdir: Path) -> None:
    (workdir / ".env").write_text('HOTSEAT_LOG_LEVEL=INFO\nDISCORD_TOKEN="abc"def"\n', encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load_settings()
    assert ".env line 2" in refused.value.message and "DISCORD_TOKEN" in refused.value.message
    assert "abc" not in refused.value.message, "the token value must not be echoed"


def test_a_non_utf8_env_is_one_line(workdir: Path) -> None:
    (workdir / ".env").write_bytes(b"HOTSEAT_LOG_LEVEL=INFO\nDISCORD_TOKEN=\xff\xfe\n")
    with pytest.raises(UserError, match=r"\.env line 2: not UTF-8"):
        load_settings()


def test_a_good_env_still_loads(workdir: Path) -> None:
    (workdir / ".env").write_text('# comment\n\nDISCORD_TOKEN="abc def"\n', encoding="utf-8")
    token = load_settings().discord_token
    assert token is not None and token.get_secret_value() == "abc def"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HOTSEAT_RETENTION_DAYS", "999999999999"),
        ("HOTSEAT_MATCHES_REFRESH_HOURS", "1e-12"),
        ("HOTSEAT_FETCH_TIMEOUT_SECONDS", "0.000001"),
        ("HOTSEAT_POLL_MINUTES", "0"),
        ("HOTSEAT_DEV_GUILD_ID", "-5"),
        ("HOTSEAT_DEV_GUILD_ID", str(2**70)),
    ],
)
def test_numeric_settings_are_bounded(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(UserError) as refused:
        load_settings()
    assert refused.value.message.startswith(f"bad setting — {name}:")


@pytest.mark.parametrize("db", [" ", "."])
def test_empty_paths_are_refused(workdir: Path, db: str) -> None:
    with pytest.raises(UserError, match="HOTSEAT_DB: the path is empty"):
        load_settings(HOTSEAT_DB=db)


def test_a_folder_as_database_is_refused(workdir: Path) -> None:
    with pytest.raises(UserError, match="is a folder"):
        load_settings(HOTSEAT_DB=str(workdir))


def test_a_bad_log_path_is_one_line(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOTSEAT_LOG_FILE", str(workdir / "missing" / "hotseat.log"))
    try:
        assert main(["--db", str(workdir / "h.db"), "about"]) == 1
    finally:
        logging.getLogger().handlers.clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HOTSEAT_LOG_FILE" in err and "Traceback" not in err


def test_printable_strips_terminal_escapes_and_keeps_lines() -> None:
    hostile = "Title\x1b]0;pwned\x07 \x1b[2J\u202eevil\x9b31m\nnext\tline"
    assert printable(hostile) == "Title]0;pwned [2Jevil31m\nnext\tline"
    assert one_line("a\nb\x00\tc") == "a b c"


def test_cli_errors_never_echo_control_characters(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(workdir / "h.db"), "successor", "Nobody\x1b[31m\x07 Atall\nX"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and err.count("\n") == 1
    assert "Nobody[31m Atall X" in err


def test_interaction_tokens_are_redacted_in_logs() -> None:
    url = "POST https://discord.com/api/v10/interactions/1234/aW50ZXJhY3Rpb246MTIz.secret-Token_x/callback"
    follow = "PATCH https://discord.com/api/v10/webhooks/99/aW50ZXJhY3Rpb24.tok/messages/@original"
    assert "secret" not in redact(url) and redact(url).endswith("/interactions/1234/<token>/callback")
    assert redact(follow) == "PATCH https://discord.com/api/v10/webhooks/99/<token>/messages/@original"
    record = logging.LogRecord(
        "discord.http", logging.DEBUG, __file__, 1, "%s has returned 204", (url,), None
    )
    line = SafeFormatter("%(message)s").format(record)
    assert "secret-Token" not in line and "<token>" in line


def test_run_with_stdin_from_dev_null_exits_cleanly(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("HOTSEAT_", "DISCORD_"))},
        "HOTSEAT_DB": str(tmp_path / "h.db"),
        "HOTSEAT_DEFAULT_FEEDS": "false",
        "HOTSEAT_OPENFOOTBALL_URL": "off",
    }
    with open(os.devnull, "rb") as devnull:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            stdin=devnull,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.rstrip().endswith("Bye.")
