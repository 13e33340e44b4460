"""`hotseat analyze --lang/--explain`: the language is chosen or refused clearly, and --explain says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.__main__ import main


def _article(tmp_path: Path, text: str) -> str:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_explain_names_the_deciding_cue_and_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Real Madrid have sacked manager Carlo Ancelotti, the club announced in a statement."
    assert main(["analyze", _article(tmp_path, text), "--lang", "en", "--explain"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == 3
    assert data["why"]["cue_id"] == "sacked"
    assert data["why"]["club_statement"] is True
    assert any("sacked" in step for step in data["why"]["path"])


def test_without_explain_the_contract_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", _article(tmp_path, "Real Madrid have sacked manager Carlo Ancelotti.")]) == 0
    assert "why" not in json.loads(capsys.readouterr().out)


def test_unknown_language_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", _article(tmp_path, "Texto."), "--lang", "zz"]) == 1
    err = capsys.readouterr().err
    assert "no language pack for 'zz'" in err and "en" in err
    assert len(err.strip().splitlines()) == 1
