"""Invisible format characters (Unicode category Cf: bidi controls and isolates, tag characters, soft
hyphens, zero-width marks) never reach stored titles or text, whichever parser path read them."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from bot.news.clean import html_to_text, plain_text
from bot.news.parse import parse_feed

FORMAT_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
# A right-to-left override, an isolate pair, tag characters (an invisible "hi"), a soft hyphen.
SNEAKY = "Arteta \u2067sacked\u2069 \u202eyb\u202c tonight\U000e0068\U000e0069 Man\u00adager"
VISIBLE = "Arteta sacked yb tonight Manager"


def test_every_format_character_in_the_unicode_data_is_removed() -> None:
    assert len(FORMAT_CHARS) > 150
    mixed = "".join(f"a{ch}" for ch in FORMAT_CHARS)
    assert plain_text(mixed, limit=10_000) == "a" * len(FORMAT_CHARS)
    assert html_to_text(f"<p>{mixed}</p>", limit=10_000) == "a" * len(FORMAT_CHARS)


@pytest.mark.parametrize(
    "document",
    [
        # RSS through lxml
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>{SNEAKY}</title><link>https://x.example/1</link>"
        f"<description>{SNEAKY}</description></item></channel></rss>",
        # Atom plain text
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<entry><title type="text">{SNEAKY}</title><link href="https://x.example/1"/><id>1</id>'
        f'<summary type="text">{SNEAKY}</summary></entry></feed>',
        # Atom inline XHTML
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{SNEAKY}</div></title>'
        f'<link href="https://x.example/1"/><id>1</id>'
        f'<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{SNEAKY}</p></div></summary>'
        "</entry></feed>",
        # Not well-formed: feedparser's path
        f"<rss><channel><title>T & Co</title><item><title>{SNEAKY}</title>"
        f"<link>https://x.example/1</link><description>{SNEAKY}</description></item></channel></rss>",
    ],
    ids=["rss", "atom-text", "atom-xhtml", "lenient"],
)
def test_titles_and_summaries_lose_invisible_characters(document: str) -> None:
    [item] = parse_feed(document.encode("utf-8"), {}, "").items
    assert item.title == VISIBLE
    assert item.summary == VISIBLE
