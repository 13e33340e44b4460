"""Article text from any outlet: every analysis stage copes and `analyze` returns a Finding in contract
shape. `analyze` has a catch-all that turns a crash into "no finding", so "it returned" proves nothing:
each check also fails when the catch-all fired (it logs an error on the `bot.analysis` logger)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import analyze
from tests.properties.strategies import any_text, football_text

PUBLISHED = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),  # naive, as feeds give
)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _no_stage_failed() -> Iterator[None]:
    """Fail when any analysis stage raised and the catch-all swallowed it."""
    errors = _Errors()
    logger = logging.getLogger("bot.analysis")
    logger.addHandler(errors)
    try:
        yield
    finally:
        logger.removeHandler(errors)
    assert not errors.records, [r.getMessage() for r in errors.records]


def _check_contract(text: str, title: str | None, source: str | None, published: datetime | None) -> None:
    with _no_stage_failed():
        finding = analyze(text, title=title, source=source, published=published)
    shape = finding.to_json()
    json.dumps(shape)  # the CLI prints it
    assert isinstance(shape["pressure"], bool)
    assert shape["level"] in (0, 1, 2, 3)
    assert (shape["level"] > 0) == shape["pressure"] or not shape["pressure"]
    assert 0.0 <= shape["score"] <= 1.0
    assert all(isinstance(s["name"], str) and isinstance(s["evidence"], str) for s in shape["successors"])
    for claim in shape["gap_claims"]:
        assert isinstance(claim["points"], int)


@settings(max_examples=150, deadline=None)
@given(any_text, st.one_of(st.none(), any_text), st.one_of(st.none(), any_text), PUBLISHED)
def test_any_text_gives_a_finding(
    text: str, title: str | None, source: str | None, published: datetime | None
) -> None:
    _check_contract(text, title, source, published)


@settings(max_examples=200, deadline=None)
@given(football_text, st.one_of(st.none(), football_text), PUBLISHED)
def test_football_shaped_text_gives_a_finding(
    text: str, title: str | None, published: datetime | None
) -> None:
    _check_contract(text, title, "BBC Sport", published)


@settings(max_examples=4, deadline=None)
@given(
    st.sampled_from(["sacked. ", "Ancelotti ", "12 points behind Arsenal with two games in hand. ", "<p>"])
)
def test_long_repetitive_text_gives_a_finding(chunk: str) -> None:
    _check_contract(chunk * 5_000, chunk, None, None)
