"""``lists update``: fetch each official list, check it, and only then make it current.

The download lands in ``<home>/files/<list>/`` under a temporary name beside the files of
earlier versions.  It is parsed and checked (expected format, readable records, not empty,
not shrunk beyond the allowed share) before it is stored; on any failure the temporary file
is removed, the current version stays in use and the outcome says what was wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

from watchkeeper.importing import ImportOutcome, ImportPolicy, ImportStatus, import_file_set
from watchkeeper.sources.base import ListFormatError
from watchkeeper.sources.fetch import FetchError, FetchSettings, download
from watchkeeper.sources.official import OfficialSource
from watchkeeper.sources.registry import FileSet, format_by_name, read_head
from watchkeeper.store import Store

_HTML_MARKERS = (b"<!doctype html", b"<html")


def files_dir(store: Store, list_name: str) -> Path:
    """Where the downloaded files of a list are kept."""
    return store.home / "files" / list_name


def update_source(
    store: Store,
    source: OfficialSource,
    *,
    url: str | None = None,
    settings: FetchSettings = FetchSettings(),
    policy: ImportPolicy = ImportPolicy(),
) -> ImportOutcome:
    """Download ``source`` (from ``url`` if given) and import it if it passes every check."""
    address = url or source.url
    folder = files_dir(store, source.list_name)
    incoming = folder / f".incoming-{source.file_name}"
    current = store.current_version(source.list_name)
    etag, last_modified = store.http_validators(address) if current else (None, None)
    outcome = ImportOutcome(
        files=(incoming,),
        status=ImportStatus.REJECTED,
        list_name=source.list_name,
        format_name=source.format_name,
        previous=current,
    )
    try:
        fetched = download(
            address, incoming, etag=etag, last_modified=last_modified, settings=settings
        )
    except FetchError as error:
        store.record_check(source.list_name, "download failed")
        outcome.reasons.append(str(error))
        return outcome
    if fetched.not_modified:
        store.record_check(source.list_name, "unchanged")
        outcome.status = ImportStatus.UNCHANGED
        outcome.version = current
        return outcome
    try:
        problem = _format_problem(incoming, source, address)
        if problem:
            store.record_check(source.list_name, "rejected")
            outcome.reasons.append(problem)
            return outcome
        outcome = import_file_set(
            store, FileSet(format_by_name(source.format_name), (incoming,)), policy, address
        )
        if outcome.status is ImportStatus.IMPORTED and outcome.version is not None:
            kept = folder / f"{outcome.version.id:06d}-{source.file_name}"
            os.replace(incoming, kept)
            outcome.files = (kept,)
        if outcome.status is not ImportStatus.REJECTED:
            store.save_http_validators(address, fetched.etag, fetched.last_modified)
        return outcome
    finally:
        incoming.unlink(missing_ok=True)


def _format_problem(path: Path, source: OfficialSource, url: str) -> str | None:
    """Why the downloaded file is not the expected list format, or None if it is."""
    try:
        head = read_head(path)
    except ListFormatError as error:
        return f"{url}: {error.message}"
    if not head.strip():
        return f"{url}: the server sent an empty file"
    if head.lstrip()[:64].lower().startswith(_HTML_MARKERS):
        return f"{url}: the server sent an HTML page instead of the list (an error or login page?)"
    expected = format_by_name(source.format_name)
    if not expected.sniff(path, head):
        return (
            f"{url}: the file is not in the expected format {expected.name} "
            f"({expected.description})"
        )
    return None
