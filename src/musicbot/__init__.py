"""musicbot: a self-hostable Discord music bot."""

from importlib.metadata import PackageNotFoundError, version

try:
    # One place for the version: pyproject.toml, read back from the installed package's metadata (`musicbot
    # --version`, /api/status, the image's label).
    __version__ = version("musicbot")
except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
    __version__ = "0+unknown"
