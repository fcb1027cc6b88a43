"""`UrlGuard`: keeps links users give (and links the pages they give point to) off the bot's own network.

A music bot fetches whatever URL a stranger types, so without this check anyone could make it request
`http://169.254.169.254/` (cloud credentials), `http://127.0.0.1:8080/admin` or a printer on the LAN, or make
FFmpeg stream from them. The check is blocking (it may ask DNS): call it on a worker thread, never on the loop.

What it cannot see: HTTP redirects the fetching library follows and DNS answers that change between this
check and the connection (DNS rebinding). A firewall or an egress proxy is the complete answer to those.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from musicbot.adapters.private_networks import SETTING, IPAddress, PrivateNetworks
from musicbot.application.errors import InvalidQuery, TrackUnavailable

Lookup = Callable[[str], Sequence[IPAddress]]

MAX_URL_LENGTH = 2000
PRIVATE_REFUSED = (
    f"links to private or local network addresses are not allowed; the bot's admin can allow networks with {SETTING}"
)

_SCHEMES = frozenset({"http", "https"})
_SHARED_SPACE = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT: not "private" to Python, not public
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# A host made only of numbers and dots is an IPv4 address to every URL parser and to getaddrinfo, in any of
# the legacy spellings: 2130706433, 0x7f.1, 0177.0.0.1, 127.1.
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+)){0,3}$")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_LOOPBACK = (ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1"))
_CACHE_SECONDS = 60.0
_CACHE_SIZE = 512


def lookup_addresses(host: str) -> list[IPAddress]:
    """Every address `host` resolves to (IPv4 and IPv6), as the connecting library would find them."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).partition("%")[0]) for info in infos]


class UrlGuard:
    """Refuses non-http(s) URLs, over-long ones, and hosts that are (or resolve to) non-public addresses.

    `allow_private` names the non-public networks that may be reached anyway (a bot on a home server may want to
    play from the NAS): `True` is the usual private ranges, never link-local ones nor the cloud metadata
    addresses (see `PrivateNetworks`). Verdicts on host names are cached for a minute: a playlist repeats its
    host 1,000 times.
    """

    def __init__(
        self,
        *,
        allow_private: bool | PrivateNetworks = False,
        max_length: int = MAX_URL_LENGTH,
        lookup: Lookup | None = None,
    ) -> None:
        self._allowed = PrivateNetworks.parse(allow_private)
        self._max_length = max_length
        self._lookup = lookup
        self._verdicts: dict[str, tuple[float, bool]] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """Raise `InvalidQuery` unless `url` may be fetched; `TrackUnavailable` when its host cannot be looked up."""
        if len(url) > self._max_length:
            raise InvalidQuery(f"that link is too long ({len(url)} characters, at most {self._max_length})")
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError as error:  # e.g. an unbalanced "[" in the host
            raise InvalidQuery("that link is not a valid URL") from error
        if parts.scheme.lower() not in _SCHEMES:
            raise InvalidQuery(f"I can only play http(s) links, not {parts.scheme or 'scheme-less'} ones")
        if not host:
            raise InvalidQuery("that link has no host name")
        if not self._may_reach(host):
            raise InvalidQuery(PRIVATE_REFUSED)

    def _allows(self, address: IPAddress) -> bool:
        return is_public(address) or self._allowed.allows(address)

    def _may_reach(self, host: str) -> bool:
        name = _normalise(host)
        literal = _literal_address(name)
        if literal is not None:
            return self._allows(literal)
        if name in _LOCAL_NAMES or name.endswith(".localhost"):
            return all(self._allows(address) for address in _LOOPBACK)  # RFC 6761: loopback whatever DNS says
        now = time.monotonic()
        with self._lock:
            cached = self._verdicts.get(name)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            addresses = (self._lookup or lookup_addresses)(name)
        except (OSError, UnicodeError) as error:
            # Refused rather than waved through: the fetch's own lookup a moment later might answer otherwise.
            raise TrackUnavailable(f"could not look up the host {name[:100]}", transient=True) from error
        verdict = bool(addresses) and all(self._allows(address) for address in addresses)
        with self._lock:
            if len(self._verdicts) >= _CACHE_SIZE:
                self._verdicts.clear()
            self._verdicts[name] = (now + _CACHE_SECONDS, verdict)
        return verdict


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address; IPv4 hidden in IPv6 (mapped, 6to4, NAT64) is unwrapped."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if address in _NAT64:
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address.sixtofour is not None and not is_public(address.sixtofour):
            return False
        if address.is_site_local:
            return False
    elif address in _SHARED_SPACE:
        return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def _normalise(host: str) -> str:
    name = host.rstrip(".").lower()
    if name.isascii():
        return name
    try:
        return name.encode("idna").decode("ascii")  # "ｌｏｃａｌｈｏｓｔ" is localhost to the fetching library too
    except UnicodeError as error:
        raise InvalidQuery("that link's host name is not valid") from error


def _literal_address(name: str) -> IPAddress | None:
    """The address `name` spells, in any form a URL parser or getaddrinfo accepts, or None for a name."""
    try:
        return ipaddress.ip_address(name.partition("%")[0])  # "fe80::1%eth0": the zone does not matter here
    except ValueError:
        pass
    if not _NUMERIC_HOST.match(name):
        return None
    parts = [_number(part) for part in name.split(".")]
    *leading, last = parts
    if any(part > 0xFF for part in leading) or last >= 256 ** (4 - len(leading)):
        raise InvalidQuery("that link's host is not a valid address")
    value = last
    for index, part in enumerate(leading):
        value += part << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _number(part: str) -> int:
    if part.startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        try:
            return int(part, 8)
        except ValueError as error:  # "08": not octal, and no parser takes it as decimal either
            raise InvalidQuery("that link's host is not a valid address") from error
    return int(part)
