"""SSRF rules as a table over IPv4 and IPv6 addresses (pure: no DNS)."""

from __future__ import annotations

import ipaddress

import pytest

from bot.news.addresses import AddressRefused, refusal, resolve_checked

CASES = [
    # address, allowed when private feeds are off, allowed when on
    ("93.184.216.34", True, True),
    ("8.8.8.8", True, True),
    ("2606:4700:4700::1111", True, True),
    ("127.0.0.1", False, True),
    ("127.8.9.10", False, True),
    ("::1", False, True),
    ("10.1.2.3", False, True),
    ("172.16.0.1", False, True),
    ("172.31.255.255", False, True),
    ("192.168.1.1", False, True),
    ("fd12:3456::1", False, True),
    ("169.254.169.254", False, False),  # cloud metadata
    ("169.254.1.1", False, False),  # link-local
    ("fe80::1", False, False),
    ("fd00:ec2::254", False, False),  # AWS metadata over IPv6
    ("100.64.0.1", False, False),  # CGNAT
    ("100.100.100.200", False, False),  # Alibaba metadata
    ("224.0.0.1", False, False),  # multicast
    ("239.255.255.250", False, False),
    ("ff02::1", False, False),
    ("0.0.0.0", False, False),
    ("::", False, False),
    ("240.0.0.1", False, False),  # reserved
    ("255.255.255.255", False, False),
    ("192.0.2.10", False, False),  # documentation
    ("198.18.0.1", False, False),  # benchmarking
    ("::ffff:127.0.0.1", False, False),  # IPv4-mapped
    ("::ffff:8.8.8.8", False, False),
    ("64:ff9b::7f00:1", False, False),  # NAT64 of 127.0.0.1
    ("2002:7f00:1::1", False, False),  # 6to4 of 127.0.0.1
    ("2001:0:4136:e378::1", False, False),  # Teredo
    ("2001:db8::1", False, False),  # documentation
]


@pytest.mark.parametrize(("address", "public_ok", "private_ok"), CASES)
def test_address_table(address: str, public_ok: bool, private_ok: bool) -> None:
    ip = ipaddress.ip_address(address)
    assert (refusal(ip, allow_private=False) is None) is public_ok
    assert (refusal(ip, allow_private=True) is None) is private_ok


async def test_literal_hosts_are_checked_without_dns() -> None:
    assert [str(a) for a in await resolve_checked("127.0.0.1", 80, allow_private=True)] == ["127.0.0.1"]
    with pytest.raises(AddressRefused, match="loopback"):
        await resolve_checked("[::1]", 80, allow_private=False)


async def test_localhost_name_resolves_to_loopback_and_is_refused() -> None:
    with pytest.raises(AddressRefused, match="loopback"):
        await resolve_checked("localhost", 80, allow_private=False)
