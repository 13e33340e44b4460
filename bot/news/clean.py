"""Turning feed fields into what we store: plain text from HTML, and UTC dates within reason."""

from __future__ import annotations

import email.utils
import html
import re
import time
from calendar import timegm
from datetime import UTC, datetime, timedelta

from feedparser.datetimes import _parse_date as feedparser_date

MAX_TITLE = 500
MAX_SUMMARY = 4000

_DROP_BLOCKS = re.compile(r"<(script|style|noscript|iframe|object|template)\b.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z!][^<>]*>")
_COMMON_TAG = re.compile(
    r"</?(a|abbr|b|blockquote|br|code|div|em|figcaption|figure|font|h[1-6]|hr|i|iframe|img|li|ol|p|"
    r"pre|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b[^<>]*>",
    re.I,
)
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][^&]*?&gt;")
# Unicode's format characters (category Cf: soft hyphen, zero-width and bidi controls and isolates,
# tag characters...), invisible in print but able to reorder or hide text; kept in step with the
# Unicode data by tests/news/test_clean_text.py.
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROL = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}]")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")
_HTMLISH = re.compile(r"<[a-zA-Z/!]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);")


def looks_like_html(text: str) -> bool:
    return bool(_HTMLISH.search(text))


def html_to_text(text: str, limit: int = MAX_SUMMARY) -> str:
    """Readable text from an HTML fragment: no tags, scripts or entities, whitespace collapsed."""
    if not text:
        return ""
    if looks_like_html(text):
        if "<!--" in text:
            text = _COMMENT.sub(" ", text)
        text = _DROP_BLOCKS.sub(" ", text)
        text = _BREAK.sub("\n", text)
        text = _TAG.sub("", text)
        text = html.unescape(text)
        # A double-escaped feed (&amp;lt;p&amp;gt;) leaves markup behind after one unescape: remove
        # what is surely markup (scripts, common tags), keep the rest as the literal text it may be.
        if _ESCAPED_TAG.search(text):
            text = html.unescape(text)
        if "<" in text:
            text = _DROP_BLOCKS.sub(" ", text)
            text = _COMMON_TAG.sub("", text)
    return plain_text(text, limit)


def plain_text(text: str, limit: int = MAX_SUMMARY) -> str:
    """Text already free of markup, settled: spaces collapsed, control and format characters gone."""
    if "\n" not in text and text.isprintable():
        text = " ".join(text.split())  # most headlines: nothing to settle but spaces
    elif text.replace("\n", " ").isprintable():
        # Plain spaces and newlines only: the regexes below would give the same, more slowly.
        text = "\n".join(line for line in (" ".join(part.split()) for part in text.split("\n")) if line)
    else:
        text = _SPACE.sub(" ", text)
        text = _CONTROL.sub("", text)
        text = _LINES.sub("\n", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def one_line(text: str, limit: int = MAX_TITLE) -> str:
    return html_to_text(text, limit).replace("\n", " ")


# Zone names the email parser does not know but European feeds write (RFC 822 only has US zones).
_ZONES = {
    "BST": "+0100",
    "IST": "+0100",
    "WET": "+0000",
    "WEST": "+0100",
    "CET": "+0100",
    "CEST": "+0200",
    "MET": "+0100",
    "MEST": "+0200",
    "EET": "+0200",
    "EEST": "+0300",
    "MSK": "+0300",
}
_ZONE = re.compile(r"(?<=\d\d:\d\d)(:\d\d)?\s+(" + "|".join(_ZONES) + r")$", re.I)
# The RSS date nearly every feed writes ("Tue, 24 Nov 2026 06:00:00 GMT"), read without the general
# parsers (several times faster); anything else, or any value out of range, takes the general path.
_RFC822 = re.compile(
    r"(?:[a-z]{3},\s*)?(\d\d?) ([a-z]{3}) ([1-9]\d{3}) (\d\d):(\d\d)(?::(\d\d))? (gmt|utc|ut|z|[+-]\d{4})$",
    re.I,
)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)}


def _rfc822(value: str) -> datetime | None:
    """The common RSS date as aware UTC, or None to let the general parsers decide."""
    match = _RFC822.match(value)
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        return None
    day, _, year, hour, minute, second, zone = match.groups()
    try:
        stamp = datetime(int(year), month, int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC)
        if zone[0] in "+-":
            offset = int(zone[1:3]) * 60 + int(zone[3:])
            if offset >= 24 * 60:
                return None
            stamp -= timedelta(minutes=-offset if zone[0] == "-" else offset)
    except (OverflowError, ValueError):
        return None
    return stamp


def parse_date(value: str | None) -> datetime | None:
    """Any date a feed writes (RFC 822, ISO 8601, and feedparser's odd formats) as aware UTC."""
    if not value:
        return None
    value = value.strip()
    quick = _rfc822(value)
    if quick is not None:
        return quick
    value = _ZONE.sub(lambda m: f"{m.group(1) or ''} {_ZONES[m.group(2).upper()]}", value.strip())
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        struct = feedparser_date(value)
        return from_struct(struct) if struct else None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def from_struct(struct: time.struct_time | None) -> datetime | None:
    """feedparser's *_parsed values are UTC struct_times."""
    if struct is None:
        return None
    try:
        return datetime.fromtimestamp(timegm(struct), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def settle_date(published: datetime | None, fetched_at: datetime) -> datetime:
    """Missing dates become the fetch time; dates in the future are clamped to it."""
    if published is None or published > fetched_at:
        return fetched_at
    return published
