"""`UrlGuard` keeps user links (and links pages give) off private, loopback and link-local networks."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

import pytest

from musicbot.adapters.net_guard import PRIVATE_REFUSED, IPAddress, UrlGuard, is_public, lookup_addresses
from musicbot.application.errors import InvalidQuery, TrackUnavailable

PUBLIC_V4 = ipaddress.ip_address("93.184.216.34")
PUBLIC_V6 = ipaddress.ip_address("2606:4700::1111")


class RecordedLookups:
    """A DNS stand-in: answers from a table and remembers what it was asked."""

    def __init__(self, answers: dict[str, Sequence[str]] | None = None) -> None:
        self.answers = answers or {}
        self.asked: list[str] = []

    def __call__(self, host: str) -> list[IPAddress]:
        self.asked.append(host)
        if host not in self.answers:
            raise OSError(f"[Errno -2] Name or service not known: {host}")
        return [ipaddress.ip_address(address) for address in self.answers[host]]


def guard(answers: dict[str, Sequence[str]] | None = None, *, allow_private: bool = False) -> UrlGuard:
    return UrlGuard(allow_private=allow_private, lookup=RecordedLookups(answers))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/admin",
        "http://127.0.0.1./",  # trailing dot
        "http://user:secret@127.0.0.1/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://ｌｏｃａｌｈｏｓｔ/",  # fullwidth: IDNA makes it "localhost" for the fetching library
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://100.64.0.1/",  # shared (carrier-grade NAT) space
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1%25eth0]/",
        "http://[fc00::1]/",
        "http://[ff02::1]/",
        "http://[2002:7f00:1::1]/",  # 6to4 wrapping 127.0.0.1
        "http://[64:ff9b::a00:1]/",  # NAT64 wrapping 10.0.0.1
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f000001/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",  # octal
        "http://127.1/",
        "http://017700000001/",
        "https://0xA9.0xFE.0xA9.0xFE/",  # 169.254.169.254 in hex
    ],
)
def test_private_and_local_addresses_are_refused_in_every_spelling(url: str) -> None:
    with pytest.raises(InvalidQuery, match=PRIVATE_REFUSED):
        guard().check(url)


@pytest.mark.parametrize(
    "url",
    ["http://93.184.216.34/a.mp3", "https://[2606:4700::1111]/", "http://1572395042/", "http://[::ffff:8.8.8.8]/"],
)
def test_public_addresses_pass_without_asking_dns(url: str) -> None:
    lookups = RecordedLookups()

    UrlGuard(lookup=lookups).check(url)

    assert lookups.asked == []


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.mp3", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)", "x"]
)
def test_only_http_and_https_links_pass(url: str) -> None:
    for allow_private in (False, True):
        with pytest.raises(InvalidQuery, match="http"):
            guard(allow_private=allow_private).check(url)


@pytest.mark.parametrize("url", ["http:///path-only", "http://[::1/", "http://256.1.1.1/", "http://08.1/"])
def test_malformed_hosts_are_refused(url: str) -> None:
    with pytest.raises(InvalidQuery):
        guard().check(url)


def test_links_longer_than_2000_characters_are_refused() -> None:
    url = "https://example.com/" + "a" * 1980
    checker = guard({"example.com": ["93.184.216.34"]})

    checker.check(url)
    with pytest.raises(InvalidQuery, match="too long"):
        checker.check(url + "a")


def test_a_name_passes_only_when_every_address_it_resolves_to_is_public() -> None:
    checker = guard(
        {
            "music.example": ["93.184.216.34", "2606:4700::1111"],
            "rebind.example": ["93.184.216.34", "127.0.0.1"],
            "internal.example": ["10.1.2.3"],
            "v6only.example": ["fd12::1"],
            "nothing.example": [],
        }
    )

    checker.check("https://music.example/song")
    for host in ("rebind.example", "internal.example", "v6only.example", "nothing.example"):
        with pytest.raises(InvalidQuery, match=PRIVATE_REFUSED):
            checker.check(f"https://{host}/song")


def test_a_name_that_cannot_be_looked_up_is_refused_as_transient() -> None:
    with pytest.raises(TrackUnavailable, match=r"could not look up the host nowhere\.example") as caught:
        guard().check("https://nowhere.example/song")

    assert caught.value.transient is True


def test_a_host_name_is_looked_up_once_for_a_whole_playlist() -> None:
    lookups = RecordedLookups({"music.example": ["93.184.216.34"]})
    checker = UrlGuard(lookup=lookups)

    for number in range(1000):
        checker.check(f"https://MUSIC.example./track/{number}")

    assert lookups.asked == ["music.example"]


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/a.mp3", "http://localhost/", "http://[::1]/", "http://nas.lan/"]
)
def test_allow_private_lets_private_hosts_through(url: str) -> None:
    lookups = RecordedLookups({"nas.lan": ["192.168.1.20"]})

    UrlGuard(allow_private=True, lookup=lookups).check(url)

    assert lookups.asked in ([], ["nas.lan"])  # a name is still looked up: it might be the metadata service


@pytest.mark.parametrize(
    ("address", "public"),
    [
        (PUBLIC_V4, True),
        (PUBLIC_V6, True),
        (ipaddress.ip_address("::ffff:93.184.216.34"), True),
        (ipaddress.ip_address("64:ff9b::5db8:d822"), True),  # NAT64 of 93.184.216.34
        (ipaddress.ip_address("2002:5db8:d822::1"), True),  # 6to4 of 93.184.216.34
        (ipaddress.ip_address("192.0.2.1"), False),  # documentation range
        (ipaddress.ip_address("198.18.0.1"), False),  # benchmarking range
        (ipaddress.ip_address("240.0.0.1"), False),
        (ipaddress.ip_address("fec0::1"), False),  # deprecated site-local
        (ipaddress.ip_address("2001:db8::1"), False),
        (ipaddress.ip_address("ff0e::1"), False),  # global-scope multicast is still no web server
    ],
)
def test_is_public(address: IPAddress, public: bool) -> None:
    assert is_public(address) is public


def test_the_real_lookup_gives_every_address_of_a_literal_without_dns() -> None:
    assert lookup_addresses("127.0.0.1") == [ipaddress.ip_address("127.0.0.1")]
    assert lookup_addresses("::1") == [ipaddress.ip_address("::1")]
