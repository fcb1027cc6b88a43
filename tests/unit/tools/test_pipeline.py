"""The pipeline's own checks: the lock files cover what pyproject.toml asks for; the audit says when it cannot run."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import musicbot
from tests.support.local_http import LocalHttpServer
from tools.audit import reachable_service
from tools.release_notes import release_notes

ROOT = Path(__file__).resolve().parents[3]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)")


def locked(lock: str) -> dict[str, list[str]]:
    versions: dict[str, list[str]] = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            versions.setdefault(canonicalize_name(match.group(1)), []).append(match.group(2))
    return versions


def declared(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(text) for text in texts]


@pytest.mark.parametrize(("lock", "extras"), [("requirements.lock", [None]), ("requirements-dev.lock", [None, "dev"])])
def test_each_dependency_is_locked_at_a_version_it_accepts(lock: str, extras: list[str | None]):
    pins = locked(lock)
    for extra in extras:
        for requirement in declared(extra):
            versions = pins.get(canonicalize_name(requirement.name))
            assert versions, f"{requirement.name} is not in {lock}: run `make lock`"
            assert all(requirement.specifier.contains(v, prereleases=True) for v in versions), (
                f"{lock} pins {requirement.name} at {versions}, outside {requirement.specifier}: run `make lock`"
            )


def test_the_dev_lock_keeps_the_image_lock_versions():
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: runtime[name] for name in runtime} == {name: dev[name] for name in runtime}


class _Vulnerabilities(BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, bytes]]

    def _answer(self) -> None:
        status, body = self.answers.get(self.path, (404, b""))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def service() -> Iterator[tuple[LocalHttpServer, dict[str, tuple[int, bytes]]]]:
    server, answers = LocalHttpServer("vulnerability service"), {}
    server.start(_Vulnerabilities, answers=answers)
    yield server, answers
    server.stop()


def test_the_audit_uses_the_first_service_that_answers(service: tuple[LocalHttpServer, dict[str, tuple[int, bytes]]]):
    server, answers = service
    urls = {"pypi": server.base_url + "/pypi/{name}/{version}/json", "osv": server.base_url + "/osv"}
    answers["/osv"] = (200, json.dumps({"vulns": []}).encode())
    assert reachable_service("yt-dlp", "2026.1.1", **urls) == "osv"  # PyPI's per-version page is 404 here

    answers["/pypi/yt-dlp/2026.1.1/json"] = (200, json.dumps({"vulnerabilities": []}).encode())
    assert reachable_service("yt-dlp", "2026.1.1", **urls) == "pypi"


def test_a_proxy_page_is_not_taken_for_a_service(service: tuple[LocalHttpServer, dict[str, tuple[int, bytes]]]):
    server, answers = service
    answers["/osv"] = (200, b"<html>blocked by policy</html>")
    urls = {"pypi": server.base_url + "/pypi/{name}/{version}/json", "osv": server.base_url + "/osv"}
    assert reachable_service("yt-dlp", "2026.1.1", **urls) is None


def test_the_version_in_pyproject_is_the_one_the_package_and_the_changelog_name():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert musicbot.__version__ == version  # read back from the installed metadata: `make setup` after a bump
    assert release_notes((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), version), (
        f"CHANGELOG.md has no section for {version}: the release job would have no notes"
    )


def test_release_notes_are_the_version_s_section_only():
    changelog = "# Changelog\n\n## [Unreleased]\n- next\n\n## [1.2.0] - 2027-01-01\n### Added\n- a\n\n## [1.1.0]\n- b\n"
    assert release_notes(changelog, "1.2.0") == "### Added\n- a\n"
    assert release_notes(changelog, "1.1.0") == "- b\n"
    assert release_notes(changelog, "1.2") is None
