"""Which shards a process runs, as written in MUSICBOT_SHARD_IDS (and on the cluster launcher's command line)."""

from __future__ import annotations


def parse_shard_ids(text: str) -> tuple[int, ...]:
    """ "0,1", "0-3", "0-1,4": sorted, without repeats; a word that is not a number or a range: ValueError."""
    found: set[int] = set()
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise ValueError(f"not a shard id or range: {part!r} (write 0,1 or 0-3)")
        found.update(range(int(first), int(last or first) + 1))
    return tuple(sorted(found))
