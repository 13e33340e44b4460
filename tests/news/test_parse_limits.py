"""The parser's safety limits: entities refused in any encoding the parser could decode (EBCDIC too),
and the lenient fallback parser given a bounded input."""

from __future__ import annotations

import tracemalloc

import pytest

from bot.news.parse import ENTITY_REFUSAL, FALLBACK_MAX_BYTES, MAX_ITEMS, NotAFeed, parse_feed


def entity_doc(encoding: str, depth: int = 6) -> bytes:
    """An RSS document declaring nested entities (10**depth expansion), written in `encoding`."""
    entities = '<!ENTITY e0 "xxxxxxxxxx">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, depth)
    )
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE rss [{entities}]>'
        f'<rss version="2.0"><channel><title>t</title><item><title>&e{depth - 1};</title>'
        "<link>https://x.example/a</link></item></channel></rss>"
    )
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["cp500", "cp037", "cp1140"])
def test_ebcdic_entity_declarations_are_refused_before_expansion(encoding: str) -> None:
    doc = entity_doc(encoding)
    assert b"<!ENTITY" not in doc  # invisible to a byte scan
    tracemalloc.start()
    try:
        with pytest.raises(NotAFeed) as refused:
            parse_feed(doc, {}, "")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(refused.value) == ENTITY_REFUSAL
    assert peak < 1_000_000  # expanded, the titles alone would be several MB


@pytest.mark.parametrize("encoding", ["cp500", "cp037", "cp1140"])
def test_ebcdic_entity_declarations_are_refused_with_an_xml_content_type(encoding: str) -> None:
    with pytest.raises(NotAFeed, match="declares XML entities"):
        parse_feed(entity_doc(encoding), {"content-type": "application/rss+xml"}, "")


def test_an_ebcdic_feed_without_entities_still_reads() -> None:
    doc = (
        '<?xml version="1.0" encoding="cp500"?><rss version="2.0"><channel><title>Zeitung</title>'
        "<item><title>Trainer entlassen: Übergang [sofort]</title><link>https://x.example/a</link>"
        "</item></channel></rss>"
    ).encode("cp500")
    feed = parse_feed(doc, {}, "")
    assert [(i.title, i.link) for i in feed.items] == [
        ("Trainer entlassen: Übergang [sofort]", "https://x.example/a")
    ]


def malformed_feed(items: int, filler: int) -> bytes:
    """Not well-formed (a bare '&'), so it goes to the lenient parser; each item `filler` bytes long."""
    parts = [b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T & Co</title>']
    for n in range(items):
        parts.append(
            f"<item><title>Story {n}</title><link>https://x.example/{n}</link>"
            f"<description>{'word ' * (filler // 5)}</description></item>".encode()
        )
    parts.append(b"</channel></rss>")
    return b"".join(parts)


def test_a_large_malformed_feed_is_read_from_its_start_only() -> None:
    doc = malformed_feed(items=10, filler=300_000)
    assert len(doc) > 3 * FALLBACK_MAX_BYTES
    feed = parse_feed(doc, {}, "")
    assert feed.parser == "feedparser"
    whole = FALLBACK_MAX_BYTES // 300_000  # items that end within the limit
    assert [i.title for i in feed.items] == [f"Story {n}" for n in range(whole)]
    assert all(i.link.startswith("https://x.example/") for i in feed.items)


def test_a_small_malformed_feed_is_read_whole() -> None:
    feed = parse_feed(malformed_feed(items=MAX_ITEMS + 20, filler=50), {}, "")
    assert len(feed.items) == MAX_ITEMS


def test_a_large_malformed_document_without_items_is_refused() -> None:
    doc = b"<rss><channel><title>" + b"x & y " * (FALLBACK_MAX_BYTES // 3)
    with pytest.raises(NotAFeed, match="too large for the lenient parser"):
        parse_feed(doc, {}, "")
