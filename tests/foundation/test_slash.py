"""Console command lines in Discord's syntax: named options, positional values, quotes, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.console import SPECS
from bot.errors import UserError
from bot.slash import parse_slash


def test_named_options_in_discord_syntax() -> None:
    call = parse_slash("/gap team:RealMadrid other:Barcelona date:2024-11-06", SPECS)
    assert call.spec.name == "gap"
    assert call.options == {"team": "RealMadrid", "other": "Barcelona", "date": date(2024, 11, 6)}


def test_positional_values_fill_parameters_in_order() -> None:
    call = parse_slash("/gap RealMadrid Barcelona", SPECS)
    assert call.options == {"team": "RealMadrid", "other": "Barcelona"}


def test_named_and_positional_mix_in_any_order() -> None:
    call = parse_slash("/gap other:Barcelona RealMadrid league:es.1", SPECS)
    assert call.options == {"team": "RealMadrid", "other": "Barcelona", "league": "es.1"}


def test_quotes_keep_names_with_spaces_together() -> None:
    call = parse_slash('/gap team:"Real Madrid" "Atlético de Madrid"', SPECS)
    assert call.options == {"team": "Real Madrid", "other": "Atlético de Madrid"}


def test_name_parameters_take_the_rest_of_the_line() -> None:
    assert parse_slash("/successor Carlo Ancelotti", SPECS).options == {"manager": "Carlo Ancelotti"}
    assert parse_slash("/manager name:Ancelotti", SPECS).options == {"name": "Ancelotti"}


def test_subcommands_and_case() -> None:
    assert parse_slash("/DIGEST Now", SPECS).spec.name == "digest now"
    assert parse_slash("/feeds add https://example.com/rss", SPECS).options == {
        "url": "https://example.com/rss"
    }


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("gap a b", "commands start with /"),
        ("/", "commands start with /"),
        ("/frobnicate", "unknown command /frobnicate"),
        ("/gap RealMadrid", "missing other — usage: /gap team other [date] [league]"),
        ("/gap a b 2024-13-45", "date must be a date like 2024-11-06"),
        ("/gap team:a team:b c", "team given twice"),
        ('/gap "Real Madrid', "unbalanced quotes"),
        ("/gap a b 2024-11-06 es.1 extra", "too many values (extra)"),
        ("/digest", "/digest needs one of: now, off, setup, status"),
        ("/gap team: b", "team is empty"),
    ],
)
def test_bad_lines_say_what_to_do(line: str, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_slash(line, SPECS)
    assert expected in caught.value.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_line_parses_or_gives_a_user_error(line: str) -> None:
    try:
        call = parse_slash(line, SPECS)
    except UserError as exc:
        message = exc.message
    else:
        message = call.spec.name
        assert message in SPECS
    assert message.strip()
