"""What people type: console command lines and slash-command option values. Every parser answers with a
value or a UserError carrying a message; nothing else escapes, and the console never raises."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.console import SPECS, Console
from bot.digest import parse_time, parse_timezone, timezone_choices
from bot.errors import UserError
from bot.football.leagues import find_league, resolve_league
from bot.news.urls import validate_feed_url
from bot.service import Service
from bot.slash import parse_slash
from cogs._ui import choices, parse_date
from cogs.digests import split_leagues
from tests.properties.strategies import any_text, football_text, names

COMMANDS = sorted(SPECS)
OPTION_NAMES = sorted({param.name for spec in SPECS.values() for param in spec.params})


@st.composite
def command_lines(draw: st.DrawFn) -> str:
    """A slash command, then a mix of named options, bare words, quotes and junk."""
    words = [f"/{draw(st.sampled_from(COMMANDS))}"]
    for _ in range(draw(st.integers(0, 5))):
        words.append(
            draw(
                st.one_of(
                    st.builds(lambda n, v: f"{n}:{v}", st.sampled_from(OPTION_NAMES), names),
                    names,
                    st.sampled_from(['"', "'", '"Real Madrid"', "date:2024-02-30", "date:", ":", "level:9"]),
                )
            )
        )
    return " ".join(words)


def _user_error_or_value(call: object, *args: object) -> object:
    try:
        return call(*args)  # type: ignore[operator]
    except UserError as exc:
        message = exc.message
    assert message.strip()
    return None


@settings(max_examples=200, deadline=None)
@given(st.one_of(command_lines(), any_text))
def test_command_lines_parse_or_say_what_is_wrong(line: str) -> None:
    call = _user_error_or_value(parse_slash, line, SPECS)
    if call is None:
        return
    for param in call.spec.params:  # type: ignore[attr-defined]
        value = call.options.get(param.name)  # type: ignore[attr-defined]
        if value is None:
            assert not param.required
        elif param.kind == "date":
            assert isinstance(value, date)
        elif param.kind == "level":
            assert value in (0, 1, 2, 3)
        else:
            assert isinstance(value, str) and value.strip()


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_text, st.from_regex(r"\A\s*\d{1,3}[:.h]\d{1,3}\s*\Z")))
def test_times_of_day(text: str) -> None:
    parsed = _user_error_or_value(parse_time, text)
    assert parsed is None or isinstance(parsed, time)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        any_text, st.sampled_from(["Europe/London", "europe/london", "UTC", "../etc/passwd", "Etc/GMT+99"])
    )
)
def test_time_zones(text: str) -> None:
    zone = _user_error_or_value(parse_timezone, text)
    assert zone is None or isinstance(zone, ZoneInfo)
    listed = timezone_choices(text)
    assert len(listed) <= 25 and all(isinstance(name, str) for name in listed)
    assert len(choices(listed)) <= 25


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), any_text, st.dates().map(str), st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z")))
def test_date_options(text: str | None) -> None:
    parsed = _user_error_or_value(parse_date, text)
    assert parsed is None or isinstance(parsed, date)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), names, st.lists(names, max_size=4).map(", ".join)))
def test_league_options(text: str | None) -> None:
    codes = _user_error_or_value(split_leagues, text)
    assert codes is None or all(isinstance(code, str) and code for code in codes)  # type: ignore[attr-defined]
    if text is not None:
        league = find_league(text)
        assert league is None or _user_error_or_value(resolve_league, text) == league


@pytest.mark.timeout(120)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(command_lines(), any_text, football_text))
async def test_console_answers_every_line(service: Service, line: str) -> None:
    """The console turns anything typed into a reply; an unexpected error would show as 'went wrong'."""
    reply = await Console(service).answer(line)
    assert isinstance(reply, str) and reply.strip()
    assert "Something went wrong" not in reply
    assert "Traceback" not in reply


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(any_text, st.sampled_from(["08:00", "25:00", "7.30"])),
    st.one_of(any_text, st.just("Europe/Madrid")),
    st.integers(-3, 6),
    st.lists(names, max_size=3),
    st.one_of(st.none(), st.integers(-2, 5)),
)
async def test_digest_and_alert_settings(
    service: Service, at: str, zone: str, level: int, leagues: list[str], alert_level: int | None
) -> None:
    """/digest setup and /alerts with anything typed: a status, or a UserError, and nothing half-set."""
    messages = []
    try:
        status = await service.digests.setup(5, 55, at, zone, level, leagues)
        assert status.enabled and status.time is not None
    except UserError as exc:
        messages.append(exc.message)
    try:
        await service.digests.set_alerts(5, 55, alert_level)
    except UserError as exc:
        messages.append(exc.message)
    assert all(message.strip() for message in messages)
    assert (await service.digests.status(5)).to_text()


URLISH = st.one_of(
    any_text,
    st.builds(
        lambda scheme, host, rest: f"{scheme}{host}{rest}",
        st.sampled_from(["https://", "http://", "ftp://", "HTTPS://", "//", "", "javascript:"]),
        st.one_of(
            any_text, st.sampled_from(["example.com", "[::1]", "[zz]", "a:b@h", "h:99999", "xn--", "."])
        ),
        st.one_of(st.just(""), any_text.map(lambda t: "/" + t), st.just(":-1/x"), st.just("?q=1#f")),
    ),
)


@settings(max_examples=200, deadline=None)
@given(URLISH)
@example("http://.")
def test_feed_addresses_people_type(raw: str) -> None:
    """/feeds add: a storable http(s) address or a UserError (the DNS check comes after, not here)."""
    url = _user_error_or_value(validate_feed_url, raw)
    if url is not None:
        assert isinstance(url, str) and url.startswith(("http://", "https://"))
        assert validate_feed_url(url) == url  # stored addresses validate to themselves


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    report_multiple_bugs=False,
)
@given(st.one_of(URLISH, st.integers(-5, 10**20).map(str), st.sampled_from(["#1", " 1 ", "#", "0", "٣"])))
@example("9223372036854775808")
@example("²")
async def test_feed_removal_with_anything_typed(service: Service, typed: str) -> None:
    """/feeds remove takes a URL or an id: False (nothing removed) or a UserError, never a crash."""
    message = None
    try:
        removed = await service.news.remove_feed(typed, None)
    except UserError as exc:
        message = exc.message
    assert (message is None and removed is False) or (message is not None and message.strip())
