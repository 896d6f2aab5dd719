"""``lists update`` against a real HTTP server on 127.0.0.1 serving good and bad answers."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.httpserver import Reply, serve
from watchkeeper.importing import ImportOutcome, ImportPolicy, ImportStatus
from watchkeeper.sources.fetch import FetchSettings
from watchkeeper.sources.official import official_source
from watchkeeper.store import Store
from watchkeeper.updating import files_dir, update_source

UN_SOURCE = official_source("un")
FAST = FetchSettings(connect_timeout=2, read_timeout=0.5, attempts=3, backoff=0.05)


@pytest.fixture(scope="module")
def un_xml(lists_dir: Path) -> bytes:
    return (lists_dir / "un" / "un_consolidated_2026-02-27.xml").read_bytes()


@pytest.fixture(scope="module")
def un_xml_older(lists_dir: Path) -> bytes:
    return (lists_dir / "un" / "un_consolidated_2026-01-28.xml").read_bytes()


def _good(body: bytes, etag: str) -> Reply:
    return Reply(body=body, headers={"ETag": etag, "Content-Type": "application/xml"})


def _update(
    store: Store, url: str, settings: FetchSettings = FAST, policy: ImportPolicy = ImportPolicy()
) -> ImportOutcome:
    return update_source(store, UN_SOURCE, url=url, settings=settings, policy=policy)


def test_good_download_is_imported_then_not_modified(tmp_path: Path, un_xml: bytes) -> None:
    def route(headers: dict[str, str]) -> Reply:
        if headers.get("If-None-Match") == '"v2"':
            return Reply(status=304)
        return _good(un_xml, '"v2"')

    with serve({"/un.xml": route}) as site, Store(tmp_path) as store:
        first = _update(store, site.url("/un.xml"))
        assert first.status is ImportStatus.IMPORTED, first.reasons
        assert first.version is not None and first.version.entities == 1003
        assert first.version.source == site.url("/un.xml")
        kept = list(files_dir(store, "un").iterdir())
        assert [p.name for p in kept] == [f"{first.version.id:06d}-consolidated.xml"]
        assert kept[0].read_bytes() == un_xml

        second = _update(store, site.url("/un.xml"))
        assert second.status is ImportStatus.UNCHANGED
        assert store.current_version("un") == first.version
        assert site.hits["/un.xml"] == 2


def _assert_rejected_keeps(
    store: Store, outcome: ImportOutcome, good_version_id: int, pattern: str
) -> None:
    assert outcome.status is ImportStatus.REJECTED
    assert any(re.search(pattern, reason, re.IGNORECASE) for reason in outcome.reasons), (
        outcome.reasons
    )
    current = store.current_version("un")
    assert current is not None and current.id == good_version_id
    leftovers = [p.name for p in files_dir(store, "un").iterdir() if not p.name[0].isdigit()]
    assert leftovers == []


@pytest.fixture
def store_with_good_version(tmp_path: Path, un_xml_older: bytes) -> Iterator[tuple[Store, int]]:
    with serve({"/good": lambda _h: _good(un_xml_older, '"v1"')}) as site, Store(tmp_path) as store:
        outcome = _update(store, site.url("/good"))
        assert outcome.status is ImportStatus.IMPORTED and outcome.version is not None
        yield store, outcome.version.id


def test_truncated_download_keeps_last_good_version(
    store_with_good_version: tuple[Store, int], un_xml: bytes
) -> None:
    store, good_id = store_with_good_version
    half = un_xml[: len(un_xml) // 2]
    with serve({"/cut": lambda _h: Reply(body=half, declared_length=len(un_xml))}) as site:
        outcome = _update(store, site.url("/cut"))
        assert site.hits["/cut"] == FAST.attempts  # retried, then gave up
    _assert_rejected_keeps(store, outcome, good_id, r"gave up after 3 attempts")


def test_truncated_but_complete_looking_file_is_caught_by_the_parser(
    store_with_good_version: tuple[Store, int], un_xml: bytes
) -> None:
    store, good_id = store_with_good_version
    half = un_xml[: len(un_xml) // 2]
    with serve({"/half": lambda _h: _good(half, '"h"')}) as site:
        outcome = _update(store, site.url("/half"))
    _assert_rejected_keeps(store, outcome, good_id, r"line \d+")


def test_garbage_is_not_taken_for_a_list(store_with_good_version: tuple[Store, int]) -> None:
    store, good_id = store_with_good_version
    garbage = bytes(range(256)) * 100
    with serve({"/garbage": lambda _h: Reply(body=garbage)}) as site:
        outcome = _update(store, site.url("/garbage"))
    _assert_rejected_keeps(store, outcome, good_id, r"not in the expected format un-xml")


def test_html_error_page_is_named_as_such(store_with_good_version: tuple[Store, int]) -> None:
    store, good_id = store_with_good_version
    page = b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
    with serve(
        {"/html": lambda _h: Reply(body=page, headers={"Content-Type": "text/html"})}
    ) as site:
        outcome = _update(store, site.url("/html"))
    _assert_rejected_keeps(store, outcome, good_id, r"HTML page")


def test_server_error_is_retried_then_reported(store_with_good_version: tuple[Store, int]) -> None:
    store, good_id = store_with_good_version
    with serve({"/500": lambda _h: Reply(status=500, body=b"oops")}) as site:
        outcome = _update(store, site.url("/500"))
        assert site.hits["/500"] == FAST.attempts
    _assert_rejected_keeps(store, outcome, good_id, r"HTTP 500")


def test_not_found_is_not_retried(store_with_good_version: tuple[Store, int]) -> None:
    store, good_id = store_with_good_version
    with serve({}) as site:
        outcome = _update(store, site.url("/missing"))
        assert site.hits["/missing"] == 1
    _assert_rejected_keeps(store, outcome, good_id, r"HTTP 404")


def test_flaky_server_succeeds_on_retry(
    store_with_good_version: tuple[Store, int], un_xml: bytes
) -> None:
    store, good_id = store_with_good_version
    calls = {"n": 0}

    def flaky(_headers: dict[str, str]) -> Reply:
        calls["n"] += 1
        return Reply(status=503) if calls["n"] == 1 else _good(un_xml, '"v2"')

    with serve({"/flaky": flaky}) as site:
        outcome = _update(store, site.url("/flaky"))
    assert outcome.status is ImportStatus.IMPORTED and outcome.version is not None
    assert outcome.version.id != good_id and outcome.version.entities == 1003
    diff = store.diff(store.version(good_id), outcome.version)
    assert diff.added == [f"un:SDi.{n:03d}" for n in range(7, 11)]


def test_very_slow_server_times_out_quickly(
    store_with_good_version: tuple[Store, int], un_xml: bytes
) -> None:
    store, good_id = store_with_good_version
    with serve({"/slow": lambda _h: Reply(body=un_xml, delay=30)}) as site:
        started = time.monotonic()
        outcome = _update(store, site.url("/slow"))
        elapsed = time.monotonic() - started
    assert elapsed < 10
    _assert_rejected_keeps(store, outcome, good_id, r"timed out")


def test_list_that_shrank_too_much_is_refused(
    store_with_good_version: tuple[Store, int], un_xml: bytes
) -> None:
    store, good_id = store_with_good_version
    text = un_xml.decode("utf-8")
    start = text.index("<INDIVIDUAL>")
    end = text.rindex("</INDIVIDUAL>") + len("</INDIVIDUAL>")
    shrunk = (text[:start] + text[end:]).encode("utf-8")  # entities only: 273 of 999
    with serve({"/small": lambda _h: _good(shrunk, '"s"')}) as site:
        outcome = _update(store, site.url("/small"))
        assert outcome.entities == 273
        _assert_rejected_keeps(store, outcome, good_id, r"shrank from 999 to 273")
        allowed = _update(store, site.url("/small"), policy=ImportPolicy(max_shrink=0.9))
    assert allowed.status is ImportStatus.IMPORTED
