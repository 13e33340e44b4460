"""A kill between printing a digest/alert and recording it 'posted' leaves the delivery pending; the
restart re-sends it with `resumed=True` (the protocol in bot/digest). Discord's sink dedupes by nonce;
a terminal cannot, so the console must at least say the post may be a repeat."""

from __future__ import annotations

import io

from bot.console import ConsoleSink
from bot.digest import Alert


def alert(resumed: bool) -> Alert:
    return Alert(
        guild_id=0,
        key="story:1:level:3",
        seq=1,
        story_id=1,
        manager="Niko Kovač",
        club="Borussia Dortmund",
        level=3,
        headline="Dortmund sack Kovač",
        url="https://news.example/1",
        outlets=("BBC Sport",),
        resumed=resumed,
    )


async def test_a_first_post_prints_plainly() -> None:
    out = io.StringIO()
    await ConsoleSink(out).post_alert(0, 0, alert(resumed=False))
    assert "Dortmund sack Kovač" in out.getvalue()
    assert "again" not in out.getvalue().lower()


async def test_a_resumed_post_says_it_may_be_a_repeat() -> None:
    out = io.StringIO()
    await ConsoleSink(out).post_alert(0, 0, alert(resumed=True))
    text = out.getvalue()
    assert "Dortmund sack Kovač" in text  # never dropped: it may not have been printed before the kill
    assert "again" in text.lower()
