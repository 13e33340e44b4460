"""Parsing: RSS 1.0/2.0/Atom, encodings, cleaning, dates, and hostile XML refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.news.clean import html_to_text, parse_date, settle_date
from bot.news.parse import NotAFeed, parse_feed
from tests.support.feed_server import atom_feed, item, rdf_feed, rss_feed

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
HOSTILE = SHARED / "hostile-xml" / "xmltestdata"
BBC = SHARED / "feeds" / "bbc-sport-football__Kinshuk28-touchline__rss-bbc.xml"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://x.example/1</link></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;</title><link>https://x.example/1</link></item></channel></rss>"""


def test_rss2_items_are_clean_text() -> None:
    feed = parse_feed(rss_feed([item(1), item(2)]), {}, "https://news.example/rss")
    assert [i.title for i in feed.items] == [
        "Story 1: manager under pressure",
        "Story 2: manager under pressure",
    ]
    assert feed.items[0].summary == "Summary of story 1."
    assert feed.items[0].link == "https://news.example/football/story-1"
    assert feed.items[0].published == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize("builder", [rss_feed, atom_feed, rdf_feed])
def test_every_dialect_gives_the_same_items(builder: object) -> None:
    assert callable(builder)
    specs = [item(1, date="2026-11-24T06:00:00Z"), item(2, title="Coach sacked & replaced")]
    feed = parse_feed(builder(specs), {}, "https://news.example/feed")
    assert [(i.title, i.link) for i in feed.items] == [
        ("Story 1: manager under pressure", "https://news.example/football/story-1"),
        ("Coach sacked & replaced", "https://news.example/football/story-2"),
    ]
    assert feed.items[0].published == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


def test_relative_links_are_resolved_against_the_feed_url() -> None:
    feed = parse_feed(rss_feed([item(1, link="/football/rel-1")]), {}, "https://site.example/rss/all")
    assert feed.items[0].link == "https://site.example/football/rel-1"


def test_wrong_declared_encoding_still_reads_the_text() -> None:
    body = rss_feed([item(1, title="Mañana: técnico destituido")], encoding="iso-8859-1")
    lying = body.replace(b'encoding="iso-8859-1"', b'encoding="utf-8"')
    feed = parse_feed(lying, {"content-type": "application/rss+xml"}, "https://x.example/rss")
    assert feed.items[0].title == "Mañana: técnico destituido"


def test_header_charset_wins_over_the_document() -> None:
    body = rss_feed([item(1, title="Żółć — Łódź")], encoding="utf-8")
    feed = parse_feed(body, {"content-type": "text/xml; charset=utf-8"}, "https://x.example/rss")
    assert feed.items[0].title == "Żółć — Łódź"


def test_utf16_feed() -> None:
    text = rss_feed([item(1, title="Ça va, l'entraîneur")]).decode().replace("utf-8", "utf-16")
    feed = parse_feed(text.encode("utf-16"), {}, "https://x.example/rss")
    assert feed.items[0].title == "Ça va, l'entraîneur"


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_declarations_are_refused(hostile: bytes) -> None:
    with pytest.raises(NotAFeed, match="entities"):
        parse_feed(hostile, {}, "https://x.example/rss")


def test_entity_declarations_in_utf16_are_refused() -> None:
    doc = EXTERNAL_ENTITY.decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>')
    with pytest.raises(NotAFeed, match="entities"):
        parse_feed(doc.encode("utf-16"), {}, "https://x.example/rss")


@pytest.mark.parametrize(
    "garbage", [b"", b"   ", b"\x00\xff\xfe garbage \x89PNG", b"<html><body>Not a feed</body></html>", b"{}"]
)
def test_non_feeds_are_reported(garbage: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(garbage, {}, "https://x.example/rss")


@pytest.mark.parametrize("declared", [b"ut\x00-8", b"ut\xa9-8", b"\xfftf-8"])
def test_damaged_encoding_declaration_is_not_a_feed(declared: bytes) -> None:
    data = b'<?xml version="1.0" encoding="' + declared + b'"?>\n<rss version="2.0"><channel>'
    with pytest.raises(NotAFeed):
        parse_feed(data + b"<title>T</title></channel></rss>", {}, "")


def test_hostile_xml_suite_is_refused_or_harmless() -> None:
    if not HOSTILE.is_dir():
        pytest.skip("../shared/data/hostile-xml not present")
    for path in sorted(HOSTILE.iterdir()):
        data = path.read_bytes()
        if path.name in {"xmlbomb.xml", "xmlbomb2.xml", "quadratic.xml", "cyclic.xml", "external.xml"}:
            with pytest.raises(NotAFeed, match="entities"):
                parse_feed(data, {}, "https://x.example/rss")
            continue
        try:
            feed = parse_feed(data, {}, "https://x.example/rss")
        except NotAFeed:
            continue
        # Nothing here is a feed, and nothing may come out expanded or fetched.
        assert all(len(i.title) < 1000 for i in feed.items), path.name


def test_bbc_sample_when_present() -> None:
    if not BBC.is_file():
        pytest.skip("../shared/data/feeds sample not present")
    feed = parse_feed(BBC.read_bytes(), {}, "https://feeds.bbci.co.uk/sport/football/rss.xml")
    assert len(feed.items) == 70
    assert all(i.title and i.link.startswith("https://www.bbc.co.uk/") for i in feed.items)
    assert all(i.published is not None for i in feed.items)


def test_html_to_text_drops_scripts_tags_and_entities() -> None:
    raw = "<p>Crisis&nbsp;talks<script>alert(1)</script> at <b>Club</b> &amp; board</p><br/>Next"
    assert html_to_text(raw) == "Crisis talks at Club & board\nNext"
    assert html_to_text("&amp;lt;b&amp;gt;double&amp;lt;/b&amp;gt;") == "double"


def test_dates_missing_or_in_the_future_become_the_fetch_time() -> None:
    fetched = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    assert settle_date(None, fetched) == fetched
    assert settle_date(datetime(2030, 1, 1, tzinfo=UTC), fetched) == fetched
    earlier = datetime(2026, 11, 23, tzinfo=UTC)
    assert settle_date(earlier, fetched) == earlier


def test_non_utc_dates_are_converted() -> None:
    feed = parse_feed(rss_feed([item(1, date="Tue, 24 Nov 2026 08:00:00 +0200")]), {}, "")
    assert feed.items[0].published == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


def test_feedparser_suite_never_crashes() -> None:
    """Every file of feedparser's own test suite: parsed or reported, never an exception."""
    suite = SHARED / "feedparser-tests"
    if not suite.is_dir():
        pytest.skip("../shared/data/feedparser-tests not present")
    parsed = refused = 0
    for path in sorted(suite.rglob("*.xml")):
        try:
            parse_feed(path.read_bytes(), {}, "http://127.0.0.1:8097/feed")
            parsed += 1
        except NotAFeed:
            refused += 1
    assert parsed > 2000 and refused < 50


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("Tue, 24 Nov 2026 08:30:15 BST", datetime(2026, 11, 24, 7, 30, 15, tzinfo=UTC)),
        ("Tue, 24 Nov 2026 08:30 CET", datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),
        ("Tue, 24 Nov 2026 01:30:00 EST", datetime(2026, 11, 24, 6, 30, tzinfo=UTC)),
        ("2026-11-24T08:30:00+02:00", datetime(2026, 11, 24, 6, 30, tzinfo=UTC)),
        ("2026-11-24", datetime(2026, 11, 24, tzinfo=UTC)),
    ],
)
def test_zone_names_and_formats(written: str, utc: datetime) -> None:
    assert parse_date(written) == utc


def test_cdata_entities_and_double_escaping_come_out_as_text() -> None:
    doc = b"""<rss version="2.0"><channel><title>t</title>
<item><title><![CDATA[Arsenal &amp; Chelsea: boss &#8216;safe&#8217;]]></title><link>https://x.example/1</link>
<description>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Board &amp;amp; fans</description></item>
</channel></rss>"""
    [only] = parse_feed(doc, {}, "https://x.example/rss").items
    assert only.title == "Arsenal & Chelsea: boss \u2018safe\u2019"
    assert only.summary == "Board & fans"


def test_rss_with_its_own_default_namespace() -> None:
    doc = b"""<rss version="2.0" xmlns="http://example.com/rss-dialect"><channel><title>t</title>
<item><title>Coach under fire</title><link>https://x.example/1</link></item></channel></rss>"""
    [only] = parse_feed(doc, {}, "https://x.example/rss").items
    assert (only.title, only.link) == ("Coach under fire", "https://x.example/1")
