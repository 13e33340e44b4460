"""The heat scale fans read instead of a bare index."""

from __future__ import annotations

import pytest

from bot.heat import heat, heat_bar, heat_word


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0.0, "simmering ▱▱▱▱▱"),
        (0.3, "simmering ▰▱▱▱▱"),
        (5.0, "hot ▰▱▱▱▱"),
        (4.9, "simmering ▰▱▱▱▱"),
        (8.0, "hot ▰▰▱▱▱"),
        (11.9, "hot ▰▰▱▱▱"),
        (12.0, "boiling ▰▰▰▱▱"),
        (16.3, "boiling ▰▰▰▰▱"),
        (20.0, "boiling ▰▰▰▰▰"),
        (250.0, "boiling ▰▰▰▰▰"),
    ],
)
def test_heat_reads_on_a_fixed_scale(index: float, expected: str) -> None:
    assert heat(index) == expected


def test_bar_is_always_five_steps_even_for_odd_input() -> None:
    assert heat_bar(-3.0) == heat_bar(float("nan")) == "▱▱▱▱▱"
    assert heat_bar(float("inf")) == "▰▰▰▰▰"
    assert heat_word(-1.0) == "simmering"
