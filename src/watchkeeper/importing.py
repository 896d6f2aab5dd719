"""Turning list files into store versions, safely.

A parsed list replaces the current version of its list only if it passes every check:
no unreadable records, at least one entity, no duplicate ids and no shrinkage beyond the
allowed share.  Otherwise the current version stays in use and the outcome says why.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot
from watchkeeper.sources.registry import FileSet, group_files
from watchkeeper.store import Store, Version

DEFAULT_MAX_SHRINK = 0.2
"""A new version with fewer than 80% of the current version's entities is refused."""

MAX_PROBLEMS_SHOWN = 20


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class ImportPolicy:
    """The checks a new version must pass.  ``max_shrink`` is a share (0.2 = 20%)."""

    max_shrink: float = DEFAULT_MAX_SHRINK


@dataclass(slots=True)
class ImportOutcome:
    """What happened to one list file (set)."""

    files: tuple[Path, ...]
    status: ImportStatus
    list_name: str | None = None
    format_name: str | None = None
    version: Version | None = None
    previous: Version | None = None
    entities: int = 0
    reasons: list[str] = field(default_factory=list)
    """Why a file set was rejected, each naming the place."""
    warnings: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return ", ".join(str(path) for path in self.files)


def sha256_of_files(files: Sequence[Path]) -> str:
    """SHA-256 of a single file, or of the names and hashes of a file set."""
    digests = [(path.name, _sha256_file(path)) for path in files]
    if len(digests) == 1:
        return digests[0][1]
    lines = "".join(f"{name}\t{digest}\n" for name, digest in sorted(digests))
    return hashlib.sha256(lines.encode()).hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def snapshot_problems(
    snapshot: ListSnapshot, current: Version | None, policy: ImportPolicy
) -> list[str]:
    """Reasons why ``snapshot`` must not replace ``current`` (empty if it may)."""
    problems = [str(error) for error in snapshot.errors[:MAX_PROBLEMS_SHOWN]]
    if len(snapshot.errors) > MAX_PROBLEMS_SHOWN:
        problems.append(
            f"... and {len(snapshot.errors) - MAX_PROBLEMS_SHOWN} more unreadable records"
        )
    files = ", ".join(str(path) for path in snapshot.files)
    if not snapshot.entities:
        problems.append(f"{files}: no entities found")
    duplicates = [
        entity_id
        for entity_id, count in Counter(e.id for e in snapshot.entities).items()
        if count > 1
    ]
    if duplicates:
        shown = ", ".join(sorted(duplicates)[:MAX_PROBLEMS_SHOWN])
        problems.append(f"{files}: {len(duplicates)} entity ids occur more than once: {shown}")
    if current is not None and current.entities and snapshot.entities:
        kept_share = len(snapshot.entities) / current.entities
        if kept_share < 1 - policy.max_shrink:
            problems.append(
                f"{files}: the list shrank from {current.entities} to {len(snapshot.entities)} "
                f"entities ({1 - kept_share:.0%} fewer; at most {policy.max_shrink:.0%} allowed)"
            )
    return problems


def import_file_set(
    store: Store, file_set: FileSet, policy: ImportPolicy, source_label: str | None = None
) -> ImportOutcome:
    """Parse, check and (if it passes) store one list version."""
    list_format = file_set.format
    outcome = ImportOutcome(
        files=file_set.files,
        status=ImportStatus.REJECTED,
        list_name=list_format.list_name,
        format_name=list_format.name,
    )
    try:
        snapshot = list_format.parse(file_set.files)
    except ListFormatError as error:
        outcome.reasons.append(str(error))
        outcome.previous = store.current_version(list_format.list_name)
        return outcome
    except (OSError, UnicodeDecodeError) as error:
        outcome.reasons.append(f"{outcome.source}: cannot be read: {error}")
        outcome.previous = store.current_version(list_format.list_name)
        return outcome
    return store_snapshot(store, snapshot, policy, source_label or outcome.source, outcome)


def store_snapshot(
    store: Store,
    snapshot: ListSnapshot,
    policy: ImportPolicy,
    source_label: str,
    outcome: ImportOutcome,
) -> ImportOutcome:
    """Check a parsed snapshot and store it as the new current version if it passes."""
    current = store.current_version(snapshot.list_name)
    outcome.list_name = snapshot.list_name
    outcome.previous = current
    outcome.entities = len(snapshot.entities)
    outcome.warnings = [str(warning) for warning in snapshot.warnings]
    outcome.reasons = snapshot_problems(snapshot, current, policy)
    if outcome.reasons:
        store.record_check(snapshot.list_name, "rejected")
        return outcome
    sha256 = sha256_of_files(snapshot.files)
    if current is not None and current.sha256 == sha256:
        store.record_check(snapshot.list_name, "unchanged")
        outcome.status = ImportStatus.UNCHANGED
        outcome.version = current
        return outcome
    outcome.version = store.add_version(
        list_name=snapshot.list_name,
        format_name=snapshot.format,
        sha256=sha256,
        published=snapshot.published,
        source=source_label,
        entities=snapshot.entities,
        warnings=outcome.warnings,
    )
    outcome.status = ImportStatus.IMPORTED
    return outcome


def import_paths(
    store: Store,
    paths: Iterable[Path],
    policy: ImportPolicy = ImportPolicy(),
    forced_format: ListFormat | None = None,
    on_start: Callable[[FileSet], None] | None = None,
) -> list[ImportOutcome]:
    """Import every list version found in ``paths`` (files or folders), one by one.

    A file that cannot be identified is reported as rejected and the others go on.
    """
    file_sets, unreadable = group_files(paths, forced_format)
    outcomes = [
        ImportOutcome(
            files=(Path(error.location.file),), status=ImportStatus.REJECTED, reasons=[str(error)]
        )
        for error in unreadable
    ]
    for file_set in file_sets:
        if on_start is not None:
            on_start(file_set)
        outcomes.append(import_file_set(store, file_set, policy))
    return outcomes
