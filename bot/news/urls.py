"""URL rules: which feed URLs users may add, and the canonical form that makes one article one row."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from bot.errors import UserError

MAX_URL_LENGTH = 2048
MAX_LINK_LENGTH = 4096  # an article link longer than this is dropped (the item keeps no link)

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
    result: str = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    try:  # the parser that will fetch it must accept it too (IPv4 forms, IDNA labels)
        httpx.URL(result).host  # noqa: B018 (the host is checked when read)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        raise UserError(
            f"The host name {host[:100]!r} is not a valid domain name or IP address; check the address."
        ) from None
    return result


# A link already in its final form: http(s), a host name whose last label starts with a letter (so not
# an IP address, which the URL parser checks), then only characters RFC 3986 allows unescaped (no '%':
# its escapes need checking). Each repeated group ends in a character its class lacks: linear time.
_PLAIN_LINK = re.compile(
    r"https?://(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?:[/?#][A-Za-z0-9\-._~:/?#@!$&'()*+,;=]*)?"
)
_EDGES = "".join(map(chr, range(0x21))) + "\x7f"  # C0 controls and space, trimmed from both ends
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOT_URL_CHAR = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]")  # after the host: no [ ] either
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def clean_link(link: str) -> str:
    """An article link as a valid http(s) URL in printable ASCII, or "" when it cannot be one.

    Like a browser's URL parser: ends trimmed of spaces and controls, tabs and newlines removed,
    anything else that may not appear raw percent-encoded, the host in IDNA form. Other schemes
    (javascript:, data:, ftp:), a missing host, a bad port or a user name give "": the item is then
    kept without a link.
    """
    if len(link) <= MAX_LINK_LENGTH and _PLAIN_LINK.fullmatch(link) and "xn--" not in link.lower():
        return link  # the usual case, decided without the URL parser (which checks IDNA labels)
    text = link.strip(_EDGES).translate(_TAB_OR_NEWLINE)
    text = _CONTROL.sub(lambda m: quote(m.group()), text)
    try:
        url = httpx.URL(text)
        host, port = url.host, url.port  # both checked lazily: IDNA labels, port digits
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return ""
    if url.scheme not in ("http", "https") or not host or (port is not None and not 0 < port < 65536):
        return ""
    if url.userinfo:  # https://trusted.example@elsewhere.example/ is a disguise, not a news link
        return ""
    head = f"{url.scheme}://{url.netloc.decode('ascii')}"
    rest = str(url).removeprefix(head)
    if not rest.startswith("/"):  # "/." and "/.." resolve to an empty path: the root, as browsers show it
        rest = f"/{rest}"
    cleaned = head + _BAD_ESCAPE.sub("%25", _NOT_URL_CHAR.sub(lambda m: quote(m.group()), rest))
    return cleaned if len(cleaned) <= MAX_LINK_LENGTH else ""


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
