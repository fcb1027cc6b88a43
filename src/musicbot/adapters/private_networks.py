"""`PrivateNetworks`: the non-public networks links may reach anyway (`MUSICBOT_ALLOW_PRIVATE_URLS`).

A bot on a home server may play from the NAS; that must not also let anyone make it fetch the cloud's metadata
service (credentials) at a link-local address. So `true` means the usual private ranges (RFC 1918, carrier-grade
NAT, loopback, IPv6 unique-local) and not link-local ones; a list names networks (CIDRs or addresses); and the
metadata addresses are only reachable when an entry names one of them alone (`169.254.169.254`), never as part
of a wider network (`fd00::/8` holds AWS's `fd00:ec2::254`).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SETTING = "MUSICBOT_ALLOW_PRIVATE_URLS"
PRIVATE_RANGES: tuple[Network, ...] = tuple(
    ipaddress.ip_network(cidr)
    for cidr in (
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",  # RFC 1918
        "100.64.0.0/10",  # carrier-grade NAT, Tailscale
        "127.0.0.0/8", "::1/128",  # loopback
        "fc00::/7",  # IPv6 unique-local
    )
)  # fmt: skip
# Instance metadata services: AWS/GCP/Azure/OpenStack, AWS ECS, AWS over IPv6, Alibaba Cloud, Tencent Cloud.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "169.254.0.23")
)
_TRUE = frozenset({"true", "yes", "on", "1", "all", "private"})
_FALSE = frozenset({"false", "no", "off", "0", "none", ""})
_SEPARATORS = re.compile(r"[\s,;]+")


class BadNetworkList(ValueError):
    """A setting that is neither true/false nor a list of networks; the message says which entry."""


@dataclass(frozen=True, slots=True)
class PrivateNetworks:
    networks: tuple[Network, ...] = ()

    @classmethod
    def none(cls) -> PrivateNetworks:
        return cls(())

    @classmethod
    def private_ranges(cls) -> PrivateNetworks:
        return cls(PRIVATE_RANGES)

    @classmethod
    def parse(cls, value: object) -> PrivateNetworks:
        """`true`/`false`, or networks separated by commas or spaces (`192.168.1.0/24, 10.8.0.5`), where
        `private` stands for the usual private ranges. A bool or a list of strings is taken as well."""
        if isinstance(value, PrivateNetworks):
            return value
        if isinstance(value, bool):
            return cls.private_ranges() if value else cls.none()
        entries = _SEPARATORS.split(value.strip()) if isinstance(value, str) else [str(item) for item in _items(value)]
        entries = [entry for entry in entries if entry]
        if len(entries) <= 1 and (entries[0].lower() if entries else "") in _FALSE:
            return cls.none()
        networks: list[Network] = []
        for entry in entries:
            if entry.lower() in _TRUE:
                networks.extend(PRIVATE_RANGES)
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))  # 192.168.1.7/24 means its /24
            except ValueError:
                raise BadNetworkList(
                    f"{entry!r} is not a network: use true, false, or CIDRs such as 192.168.1.0/24, fd12::/64"
                ) from None
        return cls(tuple(dict.fromkeys(networks)))

    def __bool__(self) -> bool:
        return bool(self.networks)

    def allows(self, address: IPAddress) -> bool:
        """True when `address` is in one of the networks (a metadata address: named by itself)."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address in METADATA_ADDRESSES:
            return any(network.num_addresses == 1 and address in network for network in self.networks)
        return any(address in network for network in self.networks)

    def describe(self) -> str:
        """For the settings' shown value and logs."""
        if not self.networks:
            return "false"
        if self.networks == PRIVATE_RANGES:
            return "true"
        return ",".join(str(network) for network in self.networks)


def _items(value: object) -> Iterable[object]:
    if isinstance(value, Iterable):
        return value
    raise BadNetworkList(f"{value!r} is not a list of networks")
