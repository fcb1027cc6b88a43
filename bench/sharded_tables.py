"""The markdown tables `bench/sharded_burst.py` prints: one process against two, then the SIGKILL windows."""

from __future__ import annotations

SHARDS = 4  # in all, in either layout


def table(servers: int, one: dict[str, float], two: dict[str, float]) -> None:
    print(f"\n{servers} servers, /play at once, discord.py's gateway limit on, {SHARDS} shards in all\n")
    print("| | 1 process x 4 shards | 2 processes x 2 shards | ratio |")
    print("|---|---|---|---|")
    rows = [
        ("acknowledged within 3 s", "acked", "{:.0f}"),
        ("servers playing", "playing", "{:.0f}"),
        ("ack p50 (ms)", "ack_p50", "{:.0f}"),
        ("ack p99 (ms)", "ack_p99", "{:.0f}"),
        ("fastest ack (ms)", "ack_min", "{:.0f}"),
        ("emulator: longest loop stall, 3 s after the burst (ms)", "burst_stall", "{:.1f}"),
        ("last server playing (s after the burst)", "all_playing", "{:.2f}"),
        ("p99 packet interval (ms)", "gap_p99", "{:.1f}"),
        ("intervals >= 50 ms (all servers, 5 s)", "gaps", "{:.0f}"),
        ("the same, as the bots sent them (their /metrics)", "sender_gaps", "{:.0f}"),
        ("the bots' packets: lateness after the slot, p99 below (ms)", "sender_late_p99", "{:g}"),
        ("bot CPU per stream (s, burst + 5 s)", "cpu_per_stream", "{:.3f}"),
        ("emulator CPU per stream (s, burst + 5 s)", "emu_per_stream", "{:.3f}"),
        ("emulator, share of a core while all play", "emu_core", "{:.2f}"),
        ("emulator: longest loop stall / collection (ms)", "stall", "{:.1f}"),
        ("sampled servers hearing 440 Hz", "sampled_440", "{:.0f}"),
        ("load average (1 min) before / after", "load_before", "{:.1f}"),
    ]
    for label, key, fmt in rows:
        milliseconds = ("ack_p50", "ack_p99", "ack_min", "burst_stall", "gap_p99", "stall", "sender_late_p99")
        scale = 1000 if key in milliseconds else 1
        a, b = one[key] * scale, two[key] * scale
        if key == "load_before":
            print(f"| {label} | {a:.1f} / {one['load_after']:.1f} | {b:.1f} / {two['load_after']:.1f} | - |")
            continue
        if key == "stall":
            print(f"| {label} | {a:.1f} / {one['gc_pause'] * 1000:.1f} | {b:.1f} / {two['gc_pause'] * 1000:.1f} | - |")
            continue
        if key == "sampled_440":
            print(f"| {label} | {a:.0f} of {one['sampled']:.0f} | {b:.0f} of {two['sampled']:.0f} | - |")
            continue
        ratio = f"{b / a:.2f}" if a else "-"
        print(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio} |")
    print(f"\nSIGKILL of the first process: its partner's {two['survivors']:.0f} servers\n")
    print("| | 5 s before | 5 s after |")
    print("|---|---|---|")
    print(f"| longest packet interval (ms) | {two['before_max'] * 1000:.1f} | {two['after_max'] * 1000:.1f} |")
    print(f"| intervals >= 50 ms | {two['before_gaps']:.0f} | {two['after_gaps']:.0f} |")
    print(f"| p99 packet interval (ms) | {two['before_p99'] * 1000:.1f} | {two['after_p99'] * 1000:.1f} |")
    stalls = f"{two['stall_before'] * 1000:.1f} | {two['stall_after'] * 1000:.1f}"
    print(f"| the emulator's loop: longest stall (ms) | {stalls} |")
    pauses = f"{two['gc_before'] * 1000:.1f} | {two['gc_after'] * 1000:.1f}"
    print(f"| the emulator's longest garbage collection (ms) | {pauses} |")
    sender_rows = [
        ("the surviving bot's sender: intervals >= 50 ms / packets", "{gaps:.0f} of {packets:,.0f}"),
        ("its intervals' p99 is below (ms)", "{interval_ms:g}"),
        ("its lateness after the slot: p99 below (ms); slots skipped", "{late_ms:g}; {skipped:.0f}"),
    ]
    windows = [
        {key: two[f"sent_{w}_{key}"] for key in ("gaps", "packets", "interval", "late", "skipped")}
        for w in ("before", "after")
    ]
    for window in windows:
        window |= {"interval_ms": window["interval"] * 1000, "late_ms": window["late"] * 1000}
    for label, fmt in sender_rows:
        print(f"| {label} | {fmt.format(**windows[0])} | {fmt.format(**windows[1])} |")
