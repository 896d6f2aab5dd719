"""Versioned list snapshots in an embedded SQLite database.

Each accepted import of a list is a *version*: which list, the SHA-256 of its source files,
the publication date read from the file, the import time and its entities.  Entity bodies
are stored once per distinct content (keyed by the hash of their canonical JSON), so keeping
every version of a list costs little more than its changes.  The current version of a list
is its newest one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from watchkeeper.model import Entity

DB_FILE_NAME = "watchkeeper.db"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    list TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published TEXT,
    imported TEXT NOT NULL,
    source TEXT NOT NULL,
    entities INTEGER NOT NULL,
    warnings TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_list ON versions (list, id);
CREATE TABLE IF NOT EXISTS entity_bodies (hash TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS version_entities (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    entity_id TEXT NOT NULL,
    hash TEXT NOT NULL REFERENCES entity_bodies (hash),
    PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS version_entities_by_entity ON version_entities (entity_id);
CREATE TABLE IF NOT EXISTS list_checks (
    list TEXT PRIMARY KEY,
    checked TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS http_validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
"""


@dataclass(frozen=True, slots=True)
class Version:
    """One stored version of a list."""

    id: int
    list: str
    format: str
    sha256: str
    published: str | None
    imported: str
    source: str
    entities: int
    warnings: tuple[str, ...]

    def status_dict(self) -> dict[str, object]:
        """The ``lists status --json`` shape (see DESIGN.md)."""
        return {
            "list": self.list,
            "version": self.id,
            "entities": self.entities,
            "published": self.published,
            "imported": self.imported,
            "sha256": self.sha256,
        }


@dataclass(frozen=True, slots=True)
class Diff:
    """Entity ids added, removed and changed between two versions of a list."""

    added: list[str]
    removed: list[str]
    changed: list[str]

    def as_dict(self) -> dict[str, list[str]]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed}


class StoreError(Exception):
    """A request the store cannot answer (unknown list, version or entity)."""


def utc_now() -> str:
    """The current UTC time as ISO 8601 with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store:
    """The list store in ``<home>/watchkeeper.db``."""

    def __init__(self, home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        self.home = home
        self.path = home / DB_FILE_NAME
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._check_schema_version()

    def _check_schema_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        elif int(row[0]) != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema version {row[0]}, this watchkeeper reads "
                f"{SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def add_version(
        self,
        *,
        list_name: str,
        format_name: str,
        sha256: str,
        published: str | None,
        source: str,
        entities: Iterable[Entity],
        warnings: Iterable[str] = (),
    ) -> Version:
        """Store a new version of ``list_name`` in one transaction and return it."""
        imported = utc_now()
        warning_list = list(warnings)
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            cursor = db.execute(
                "INSERT INTO versions (list, format, sha256, published, imported, source, "
                "entities, warnings) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    list_name,
                    format_name,
                    sha256,
                    published,
                    imported,
                    source,
                    json.dumps(warning_list, ensure_ascii=False),
                ),
            )
            version_id = int(cursor.lastrowid or 0)
            count = 0
            for batch in _batches(entities, 2000):
                rows = [(*_body_and_hash(entity), entity.id) for entity in batch]
                db.executemany(
                    "INSERT OR IGNORE INTO entity_bodies (hash, body) VALUES (?, ?)",
                    [(digest, body) for body, digest, _ in rows],
                )
                db.executemany(
                    "INSERT INTO version_entities (version_id, entity_id, hash) VALUES (?, ?, ?)",
                    [(version_id, entity_id, digest) for _, digest, entity_id in rows],
                )
                count += len(rows)
            db.execute("UPDATE versions SET entities = ? WHERE id = ?", (count, version_id))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self.record_check(list_name, "imported")
        return self.version(version_id)

    def record_check(self, list_name: str, outcome: str) -> None:
        """Remember when ``list_name`` was last checked for updates, and what came of it."""
        self._db.execute(
            "INSERT INTO list_checks (list, checked, outcome) VALUES (?, ?, ?) "
            "ON CONFLICT (list) DO UPDATE SET "
            "checked = excluded.checked, outcome = excluded.outcome",
            (list_name, utc_now(), outcome),
        )

    def save_http_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Store the ETag / Last-Modified a server sent for ``url``."""
        self._db.execute(
            "INSERT INTO http_validators (url, etag, last_modified) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified",
            (url, etag, last_modified),
        )

    # -- reading -----------------------------------------------------------------------

    def http_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified last seen for ``url`` (None, None if never)."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def last_check(self, list_name: str) -> tuple[str, str] | None:
        """When ``list_name`` was last checked and the outcome, if ever."""
        row = self._db.execute(
            "SELECT checked, outcome FROM list_checks WHERE list = ?", (list_name,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def version(self, version_id: int) -> Version:
        """The version with this id; StoreError if there is none."""
        row = self._db.execute(f"{_VERSION_SELECT} WHERE id = ?", (version_id,)).fetchone()
        if row is None:
            raise StoreError(f"no version {version_id} in {self.path}")
        return _version_from_row(row)

    def versions(self, list_name: str | None = None) -> list[Version]:
        """All versions, oldest first, of one list or of every list."""
        if list_name is None:
            rows = self._db.execute(f"{_VERSION_SELECT} ORDER BY list, id").fetchall()
        else:
            rows = self._db.execute(
                f"{_VERSION_SELECT} WHERE list = ? ORDER BY id", (list_name,)
            ).fetchall()
        return [_version_from_row(row) for row in rows]

    def current_version(self, list_name: str) -> Version | None:
        """The newest version of ``list_name``, or None if it was never imported."""
        row = self._db.execute(
            f"{_VERSION_SELECT} WHERE list = ? ORDER BY id DESC LIMIT 1", (list_name,)
        ).fetchone()
        return _version_from_row(row) if row else None

    def current_versions(self) -> list[Version]:
        """The newest version of every list, by list name."""
        rows = self._db.execute(
            f"{_VERSION_SELECT} WHERE id IN (SELECT MAX(id) FROM versions GROUP BY list) "
            "ORDER BY list"
        ).fetchall()
        return [_version_from_row(row) for row in rows]

    def entities(self, version_id: int) -> Iterator[Entity]:
        """Every entity of a version, in id order."""
        cursor = self._db.execute(
            "SELECT b.body FROM version_entities v JOIN entity_bodies b ON b.hash = v.hash "
            "WHERE v.version_id = ? ORDER BY v.entity_id",
            (version_id,),
        )
        for (body,) in cursor:
            yield Entity.from_dict(json.loads(body))

    def entity(self, entity_id: str, version_id: int | None = None) -> tuple[Version, Entity]:
        """An entity as of ``version_id``, or in the newest version that holds it."""
        query = (
            "SELECT v.version_id, b.body FROM version_entities v "
            "JOIN entity_bodies b ON b.hash = v.hash WHERE v.entity_id = ?"
        )
        params: tuple[object, ...] = (entity_id,)
        if version_id is not None:
            query += " AND v.version_id = ?"
            params += (version_id,)
        row = self._db.execute(query + " ORDER BY v.version_id DESC LIMIT 1", params).fetchone()
        if row is None:
            where = f" in version {version_id}" if version_id is not None else ""
            raise StoreError(f"no entity {entity_id!r}{where}")
        return self.version(int(row[0])), Entity.from_dict(json.loads(row[1]))

    def diff(self, old: Version, new: Version) -> Diff:
        """What changed from ``old`` to ``new`` (two versions of the same list)."""
        if old.list != new.list:
            raise StoreError(f"versions {old.id} and {new.id} belong to different lists")
        added = self._ids(
            "SELECT entity_id FROM version_entities WHERE version_id = ? AND entity_id NOT IN "
            "(SELECT entity_id FROM version_entities WHERE version_id = ?)",
            (new.id, old.id),
        )
        removed = self._ids(
            "SELECT entity_id FROM version_entities WHERE version_id = ? AND entity_id NOT IN "
            "(SELECT entity_id FROM version_entities WHERE version_id = ?)",
            (old.id, new.id),
        )
        changed = self._ids(
            "SELECT n.entity_id FROM version_entities n JOIN version_entities o "
            "ON o.entity_id = n.entity_id AND o.version_id = ? "
            "WHERE n.version_id = ? AND n.hash != o.hash",
            (old.id, new.id),
        )
        return Diff(added=added, removed=removed, changed=changed)

    def _ids(self, query: str, params: tuple[object, ...]) -> list[str]:
        return sorted(row[0] for row in self._db.execute(query, params))


_VERSION_SELECT = (
    "SELECT id, list, format, sha256, published, imported, source, entities, warnings FROM versions"
)


def _version_from_row(row: tuple[object, ...]) -> Version:
    return Version(
        id=int(str(row[0])),
        list=str(row[1]),
        format=str(row[2]),
        sha256=str(row[3]),
        published=None if row[4] is None else str(row[4]),
        imported=str(row[5]),
        source=str(row[6]),
        entities=int(str(row[7])),
        warnings=tuple(json.loads(str(row[8]))),
    )


def _body_and_hash(entity: Entity) -> tuple[str, str]:
    body = entity.canonical_json()
    return body, hashlib.sha256(body.encode("utf-8")).hexdigest()


def _batches(items: Iterable[Entity], size: int) -> Iterator[list[Entity]]:
    batch: list[Entity] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
