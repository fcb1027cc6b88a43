"""`bench.wire.callback_arrivals`: which callbacks a capture saw, and when, from the pcap bytes tcpdump writes."""

from __future__ import annotations

import struct

import pytest

from bench.wire import callback_arrivals

ETHERNET_IP_TCP = bytes(14 + 20 + 32)  # the headers before a segment's payload (their contents are not read)


def pcap(records: list[tuple[float, bytes]], *, nano: bool, endian: str = "<") -> bytes:
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    data = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, 256, 1)
    for at, payload in records:
        packet = ETHERNET_IP_TCP + payload
        seconds = int(at)
        fraction = round((at - seconds) * (1e9 if nano else 1e6))
        data += struct.pack(endian + "IIII", seconds, fraction, len(packet), len(packet)) + packet
    return data


def request(interaction: int, *, path: str = "callback") -> bytes:
    return f"POST /api/v10/interactions/{interaction}/aW50ZXJhY3Rpb24/{path}?with_response=1 HTTP/1.1\r\n".encode()


@pytest.mark.parametrize(("nano", "endian"), [(True, "<"), (False, "<"), (True, ">")])
def test_the_first_callback_of_each_interaction_with_its_time(nano: bool, endian: str) -> None:
    records = [
        (1000.25, request(7)),
        (1000.5, b"POST /api/v10/webhooks/1/token HTTP/1.1\r\n"),  # an edit, not a callback
        (1000.75, request(8)),
        (1001.0, request(7)),  # a retry: the first one counts
    ]
    arrivals = callback_arrivals(pcap(records, nano=nano, endian=endian))
    assert arrivals.keys() == {7, 8}
    assert arrivals[7] == pytest.approx(1000.25, abs=1e-6)
    assert arrivals[8] == pytest.approx(1000.75, abs=1e-6)


def test_a_record_tcpdump_is_still_writing_is_left_for_the_next_read() -> None:
    whole = pcap([(5.0, request(7)), (6.0, request(12345))], nano=True)
    cut = whole[: len(whole) - len("/aW50ZXJhY3Rpb24/callback?with_response=1 HTTP/1.1\r\n")]
    assert callback_arrivals(cut).keys() == {7}  # not 12, 123 or 1234
    assert callback_arrivals(whole[:10]) == {}
