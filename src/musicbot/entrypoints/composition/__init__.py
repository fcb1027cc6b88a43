"""The composition root, one small container per feature, joined in `entrypoints/container.py`.

Each container declares what it needs as `providers.Dependency` (named as in the root, so a provider reads the
same wherever it moves) and is the only place that names its feature's concrete classes. The order they are
joined in is the order they depend on each other: core → storage → sources → playback → guild rules, playlists,
recommendations, listener extras → saved queues.
"""
