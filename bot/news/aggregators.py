"""Items from news aggregators (Google News, Google Alerts, Bing News) as the reader sees them.

An aggregator feed carries many outlets' stories under one feed name. Counting independent sources
needs the original outlet, so an item's `<source>` names its outlet (our own name for it when its site
is one of the bundled feeds'), the ` - Outlet` suffix the
aggregator appends to the headline is dropped, and a redirect link is replaced by the original
article's URL whenever the link itself carries it (a `url=` parameter, or the URL inside an old-style
Google News article id). Newer Google News ids are opaque: those links stay as they are.

An item that names no outlet is the outlet its original link points to when that is a known one;
otherwise it counts as the aggregator itself ("Google News"), never as the search feed it came in:
two Google News searches are not two independent sources.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl, urlsplit

from bot.news.clean import one_line
from bot.news.defaults import outlet_for

MAX_OUTLET = 100
SUFFIX_DASHES = (" - ", " – ", " — ", " | ")

# Redirectors that carry the target in a query parameter: host → parameter names, in order.
_REDIRECT_PARAMS = {
    "news.google.com": ("url",),
    "www.google.com": ("url", "q"),
    "google.com": ("url", "q"),
    "www.bing.com": ("url",),
    "bing.com": ("url",),
}
_REDIRECT_PATHS = ("/url", "/news/url", "/news/apiclick.aspx")
_GOOGLE_ARTICLE_PATHS = ("/rss/articles/", "/articles/")
_GOOGLE_ID_PREFIX = b"\x08\x13\x22"  # protobuf: field 1 = 19, then field 4 (the URL) length-delimited
# Aggregators by the host of their feed's address or of its <link>: (host, path prefix, name).
_AGGREGATORS = (
    ("news.google.com", "/", "Google News"),
    ("www.google.com", "/alerts", "Google Alerts"),
    ("google.com", "/alerts", "Google Alerts"),
    ("www.bing.com", "/news", "Bing News"),
    ("bing.com", "/news", "Bing News"),
)


def aggregator_name(url: str) -> str | None:
    """ "Google News" for a Google News feed (or page) address, and so on; None for anything else."""
    if "google." not in url and "bing." not in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    return next(
        (name for known, path, name in _AGGREGATORS if host == known and parts.path.startswith(path)), None
    )


def outlet_name(source: str | None) -> str | None:
    """The outlet named by an item's <source>, on one clean line, or None."""
    name = one_line(source or "", MAX_OUTLET)
    return name or None


def without_outlet_suffix(title: str, outlet: str | None) -> str:
    """`Arteta sacked - BBC Sport` → `Arteta sacked` when the item's outlet is BBC Sport."""
    if not outlet:
        return title
    folded_title, folded_outlet = title.casefold(), outlet.casefold()
    for dash in SUFFIX_DASHES:
        if folded_title.endswith(dash + folded_outlet):
            shorter = title[: len(title) - len(dash) - len(outlet)].rstrip()
            return shorter or title
    return title


def original_link(link: str) -> str:
    """The article's own URL when `link` is an aggregator redirect that carries it, else `link`."""
    if "google." not in link and "bing." not in link:
        return link  # nearly every link: no parsing needed
    try:
        parts = urlsplit(link)
    except ValueError:
        return link
    host = (parts.hostname or "").lower()
    names = _REDIRECT_PARAMS.get(host)
    if names is None:
        return link
    if parts.path in _REDIRECT_PATHS:
        params = dict(parse_qsl(parts.query))
        for name in names:
            target = params.get(name, "")
            if target.startswith(("http://", "https://")):
                return target
    if host == "news.google.com" and parts.path.startswith(_GOOGLE_ARTICLE_PATHS):
        return _google_article_url(parts.path.rsplit("/", 1)[-1]) or link
    return link


def _google_article_url(token: str) -> str | None:
    """The URL inside an old-style Google News article id (base64 of a small protobuf), if any."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    if not raw.startswith(_GOOGLE_ID_PREFIX):
        return None
    size, shift, at = 0, 0, len(_GOOGLE_ID_PREFIX)
    while at < len(raw) and shift <= 28:  # a varint length, at most 5 bytes
        byte = raw[at]
        size |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            break
        shift += 7
    else:
        return None
    found = raw[at : at + size]
    if len(found) != size or not found.startswith((b"http://", b"https://")):
        return None  # a newer opaque id (its payload is not a URL)
    try:
        return found.decode("ascii")
    except UnicodeDecodeError:
        return None


def settle(
    title: str, link: str, source: str | None, source_url: str | None = None
) -> tuple[str, str, str | None]:
    """(title, link, outlet) of one item as the reader sees it; outlet None when the item names none.

    A source site we bundle a feed for takes that feed's outlet name (Google's "MARCA" is our "Marca"),
    so the same outlet read directly and through an aggregator counts as one source. Without a
    <source>, a redirect that carried a known outlet's article names that outlet.
    """
    name = outlet_name(source)
    original = original_link(link)
    outlet = (outlet_for(source_url) if source_url else None) or name
    if outlet is None and original != link:
        outlet = outlet_for(original)
    return without_outlet_suffix(title, name or outlet), original, outlet
