"""The CLI contract: every subcommand has --help, bad input gets one line and a non-zero exit."""

from __future__ import annotations

import pytest

from bot.__main__ import EXIT_USAGE, build_parser, main

SUBCOMMANDS = [
    ["run"],
    ["analyze"],
    ["import-matches"],
    ["gap"],
    ["table"],
    ["successor"],
    ["hotseat"],
    ["manager"],
    ["ingest"],
    ["poll"],
    ["feeds"],
    ["feeds", "list"],
    ["feeds", "add"],
    ["feeds", "remove"],
    ["prune"],
    ["about"],
]


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_has_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*words, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: hotseat " + " ".join(words))
    assert "--db" in out and "--json" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["gap", "RealMadrid"], "required: other"),
        (["gap", "RealMadrid", "Barcelona", "--date", "6/11/2024"], "not a date: '6/11/2024'"),
        (["table", "es.1", "--date", "yesterday"], "not a date"),
        (["analyze", "x.txt", "--published", "tuesday"], "not a date-time"),
        (["poll"], "--once"),
        (["ingest"], "--from-dir"),
        (["feeds"], "required: ACTION"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_db_and_json_are_accepted_before_or_after_the_subcommand() -> None:
    parser = build_parser()
    before = parser.parse_args(["--db", "a.db", "--json", "about"])
    after = parser.parse_args(["about", "--db", "a.db", "--json"])
    assert str(before.db) == str(after.db) == "a.db"
    assert before.json and after.json


def test_unreadable_article_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "/definitely/not/here.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hotseat: cannot read /definitely/not/here.txt")
    assert len(err.strip().splitlines()) == 1


def test_ingest_from_a_missing_folder_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--from-dir", "/definitely/not/here"]) == 1
    assert capsys.readouterr().err.strip() == "hotseat: not a folder: /definitely/not/here"
