"""`MUSICBOT_ALLOW_PRIVATE_URLS` as a list of networks: what it lets through, and what it never does unasked."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

import pytest
from pydantic import ValidationError

from musicbot.adapters.net_guard import PRIVATE_REFUSED, IPAddress, UrlGuard
from musicbot.adapters.private_networks import PRIVATE_RANGES, BadNetworkList, PrivateNetworks
from musicbot.application.errors import InvalidQuery
from musicbot.entrypoints.settings import Settings


def networks(*cidrs: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(cidr) for cidr in cidrs)


# --- parsing ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["false", "FALSE", "no", "0", "", "  ", False])
def test_false_allows_nothing(value: object) -> None:
    assert PrivateNetworks.parse(value) == PrivateNetworks.none()


@pytest.mark.parametrize("value", ["true", "True", "yes", "1", True])
def test_true_is_the_usual_private_ranges_as_before(value: object) -> None:
    assert PrivateNetworks.parse(value).networks == PRIVATE_RANGES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("192.168.1.0/24", networks("192.168.1.0/24")),
        ("192.168.1.0/24,10.8.0.5", networks("192.168.1.0/24", "10.8.0.5/32")),
        (" 192.168.1.7/24 ;  fd12:3456::/64 ", networks("192.168.1.0/24", "fd12:3456::/64")),  # host bits dropped
        ("10.0.0.0/8 10.0.0.0/8", networks("10.0.0.0/8")),
        (["169.254.169.254"], networks("169.254.169.254/32")),
        ("private, 169.254.169.254", (*PRIVATE_RANGES, *networks("169.254.169.254/32"))),
    ],
)
def test_a_list_of_networks(value: object, expected: tuple[object, ...]) -> None:
    assert PrivateNetworks.parse(value).networks == expected


@pytest.mark.parametrize("value", ["lan", "192.168.1.0/33", "10.0.0.0/8,nas.local", "true false"])
def test_a_bad_entry_is_named(value: str) -> None:
    with pytest.raises(BadNetworkList, match="is not a network"):
        PrivateNetworks.parse(value)


def test_the_setting_reads_a_list_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSICBOT_ALLOW_PRIVATE_URLS", "192.168.1.0/24,10.8.0.5")
    assert Settings(_env_file=None).allow_private_urls.networks == networks("192.168.1.0/24", "10.8.0.5/32")  # type: ignore[call-arg]

    monkeypatch.setenv("MUSICBOT_ALLOW_PRIVATE_URLS", "my lan")
    with pytest.raises(ValidationError, match="'my' is not a network"):
        Settings(_env_file=None)  # type: ignore[call-arg]


# --- the guard -------------------------------------------------------------------------------------------
def guard(allowed: object, answers: dict[str, Sequence[str]] | None = None) -> UrlGuard:
    table = answers or {}

    def lookup(host: str) -> list[IPAddress]:
        return [ipaddress.ip_address(address) for address in table[host]]

    return UrlGuard(allow_private=PrivateNetworks.parse(allowed), lookup=lookup)


METADATA = [
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://169.254.170.2/v2/credentials",
    "http://100.100.100.200/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",  # a name for 169.254.169.254
]
ANSWERS = {"metadata.google.internal": ["169.254.169.254"], "nas.lan": ["192.168.1.20"]}


@pytest.mark.parametrize("allowed", ["true", "169.254.0.0/16,fd00::/8,100.64.0.0/10", "private,169.254.0.0/16"])
@pytest.mark.parametrize("url", METADATA)
def test_metadata_addresses_stay_refused_unless_named_alone(allowed: str, url: str) -> None:
    with pytest.raises(InvalidQuery, match="MUSICBOT_ALLOW_PRIVATE_URLS"):
        guard(allowed, ANSWERS).check(url)


def test_a_metadata_address_named_alone_is_allowed() -> None:
    guard("169.254.169.254", ANSWERS).check("http://169.254.169.254/latest/meta-data/")
    guard("fd00:ec2::254", ANSWERS).check("http://[fd00:ec2::254]/")


def test_true_does_not_open_link_local_addresses() -> None:
    with pytest.raises(InvalidQuery, match=PRIVATE_REFUSED):
        guard("true").check("http://169.254.10.20/")
    with pytest.raises(InvalidQuery, match=PRIVATE_REFUSED):
        guard("true").check("http://[fe80::1]/")
    guard("169.254.0.0/16").check("http://169.254.10.20/")  # named: allowed


def test_a_list_allows_its_networks_and_nothing_else() -> None:
    lan = guard("192.168.1.0/24", ANSWERS)
    lan.check("http://192.168.1.20:8000/radio.mp3")
    lan.check("http://nas.lan/song.ogg")
    lan.check("https://93.184.216.34/public.mp3")  # public addresses need no allowing
    for url in ["http://192.168.2.1/", "http://10.0.0.1/", "http://127.0.0.1/", "http://localhost/"]:
        with pytest.raises(InvalidQuery, match=PRIVATE_REFUSED):
            lan.check(url)


def test_loopback_names_follow_the_loopback_networks() -> None:
    guard("127.0.0.0/8,::1").check("http://localhost:8080/")
    with pytest.raises(InvalidQuery):
        guard("127.0.0.0/8").check("http://localhost:8080/")  # localhost may be ::1 too


def test_the_refusal_says_which_setting_allows_it() -> None:
    with pytest.raises(InvalidQuery) as refused:
        guard("false").check("http://192.168.1.20/")
    assert "MUSICBOT_ALLOW_PRIVATE_URLS" in str(refused.value)
