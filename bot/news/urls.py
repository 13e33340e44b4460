"""URL rules: which feed URLs users may add, and the canonical form that makes one article one row."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bot.errors import UserError

MAX_URL_LENGTH = 2048

# Query parameters that only say where a click came from.
TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ocid",
        "cmpid",
        "cmp",
        "icid",
        "smid",
        "smtyp",
        "_ga",
        "__twitter_impression",
        "ito",
        "amp",
        "outputtype",
        "intcmp",
        "rss",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "ns_", "pk_", "mtm_")
AMP_CACHE = re.compile(r"^[a-z0-9-]+\.cdn\.ampproject\.org$")


def validate_feed_url(raw: str) -> str:
    """Return the URL to store for a user-supplied feed, or raise a UserError saying what is wrong."""
    url = raw.strip().strip("<>")
    if not url:
        raise UserError("Give the feed's address, starting with https://")
    if len(url) > MAX_URL_LENGTH:
        raise UserError("That address is too long to be a feed URL.")
    if any(ch.isspace() for ch in url):
        raise UserError("A feed address cannot contain spaces.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UserError("That does not look like a web address; check it and try again.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UserError("Only http:// and https:// feed addresses can be added.")
    if not parts.hostname:
        raise UserError("That address has no host name; it should look like https://example.com/rss")
    if parts.username is not None or parts.password is not None:
        raise UserError("Feed addresses with a user name or password are not supported.")
    host = parts.hostname.lower().rstrip(".")
    if not host:  # "http://." has a host of dots only
        raise UserError("That address has no host name; it should look like https://example.com/rss")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != (443 if scheme == "https" else 80):
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_EXACT or lowered.startswith(TRACKING_PREFIXES)


def _strip_amp_path(path: str) -> str:
    path = re.sub(r"/amp(?=/|$)", "", path, count=1)
    path = re.sub(r"\.amp(\.html?)?$", lambda m: m.group(1) or "", path)
    return path or "/"


_SIMPLE = re.compile(r"^(https?)://([a-z0-9.-]+)(/[^?#]*)?$", re.I)
_AMP_HOST = re.compile(r"^amp\.|ampproject\.org\.?$", re.I)


def canonical_url(url: str) -> str:
    """One spelling per article: case-folded scheme/host, no tracking, fragment or AMP variant."""
    simple = _SIMPLE.match(url)
    if simple and not _AMP_HOST.search(simple.group(2)):
        # No port, query or fragment: only case, AMP paths and trailing slashes to settle. Most
        # links take this path, including the many whose words merely contain "amp" (champions).
        path = simple.group(3) or "/"
        if "amp" in path:
            path = _strip_amp_path(path)
        if len(path) > 1:
            path = path.rstrip("/") or "/"
        return f"{simple.group(1).lower()}://{simple.group(2).lower().rstrip('.')}{path}"
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    path = parts.path
    if AMP_CACHE.match(host):
        # Google's AMP cache wraps the origin URL: /c/s/origin.host/path (s = https).
        match = re.match(r"^/(?:[a-z]/)*?(s/)?([^/]+)(/.*)?$", re.sub(r"^/[cvi]", "", path))
        if match:
            scheme = "https" if match.group(1) else "http"
            host, path = match.group(2).lower(), match.group(3) or "/"
    if host.startswith("amp."):
        host = host[4:]
    if "amp" in path:
        path = _strip_amp_path(path)
    if len(path) > 1:
        path = path.rstrip("/")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != {"http": 80, "https": 443}.get(scheme):
        netloc = f"{netloc}:{port}"
    query = ""
    if parts.query:
        pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
        query = urlencode(sorted(pairs))
    canonical: str = urlunsplit((scheme, netloc, path, query, ""))
    return canonical


def absolute(link: str, base: str) -> str:
    """Resolve a possibly relative link against the feed's (or item's) base URL."""
    link = link.strip()
    if not link:
        return ""
    try:
        joined: str = urljoin(base, link)
        return joined if base else link
    except ValueError:
        return link


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
