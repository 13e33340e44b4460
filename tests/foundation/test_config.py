"""Settings: bad values stop start-up with one line; `.env.example` documents exactly the settings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, env_names, load_settings
from bot.errors import UserError

REPO = Path(__file__).resolve().parents[2]


def example_names() -> list[str]:
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    return re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE)


def test_env_example_lists_every_setting_once_and_nothing_else() -> None:
    names = example_names()
    assert len(names) == len(set(names)), "a setting is listed twice in .env.example"
    assert set(names) == set(env_names())


def test_every_setting_in_env_example_has_a_comment() -> None:
    lines = (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[A-Z][A-Z0-9_]*=", line):
            assert lines[index - 1].startswith("#"), f"{line} has no comment above it"


def test_env_example_values_load_as_valid_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text((REPO / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings()
    assert settings.console_mode
    assert settings.poll_minutes == 15
    assert settings.log_file is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"HOTSEAT_POLL_MINUTES": "soon"}, "HOTSEAT_POLL_MINUTES"),
        ({"HOTSEAT_POLL_MINUTES": "0"}, "HOTSEAT_POLL_MINUTES"),
        ({"HOTSEAT_TIMEZONE": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
        ({"HOTSEAT_LOG_LEVEL": "LOUD"}, "HOTSEAT_LOG_LEVEL"),
        ({"HOTSEAT_ALLOW_PRIVATE_FEEDS": "perhaps"}, "HOTSEAT_ALLOW_PRIVATE_FEEDS"),
    ],
)
def test_malformed_values_give_one_clear_line(overrides: dict[str, object], expected: str) -> None:
    with pytest.raises(UserError) as caught:
        load_settings(**overrides)
    message = caught.value.message
    assert expected in message
    assert "\n" not in message
    assert message.startswith("bad setting")


def test_token_left_empty_means_console_mode() -> None:
    assert load_settings(DISCORD_TOKEN="  ").console_mode
    assert not load_settings(DISCORD_TOKEN="abc.def").console_mode


def test_bad_setting_stops_the_cli_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "about"],
        env={"HOTSEAT_POLL_MINUTES": "lots", "HOTSEAT_DB": str(tmp_path / "x.db"), "PATH": ""},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "HOTSEAT_POLL_MINUTES" in result.stderr
    assert not (tmp_path / "x.db").exists(), "a bad setting must stop before touching the database"
