"""Another government's spelling: how often a listed person or organisation is found under
the names another list gives it.

    .venv/bin/python benchmarks/cross_list.py [--examples 15] [--db DIR]

The UK sanctions list names the UN entry each of its UN-derived entries stands for ("UN
reference").  Each name of those UK entries (primary names, aliases, weak aliases, names in
their own script, as the UK writes them) is screened against an index of the UN list alone,
with nothing but the name and the schema, and with the UK entry's birth dates and
nationalities as well.  Printed: the share of names whose UN entry is among the hits at the
default threshold (by kind of name), the share of UK entries found by at least one of their
names and by their primary name, and the names that miss, with the closest UN name of the
entry.  The lists come from ``../shared/data/lists`` (the current version of each, imported
into a temporary store, or ``--db DIR`` kept and reused).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from candidate_recall import current_entities

from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.score import score_entity
from watchkeeper.model import Entity, NameKind, Query
from watchkeeper.screening import Screener

REFERENCE = "un_reference"


@dataclass(frozen=True, slots=True)
class Pair:
    """A UK entry and the UN entry it names."""

    uk: Entity
    un: Entity


def linked_pairs(entities: list[Entity]) -> tuple[list[Pair], int]:
    """The UK entries whose UN reference is an entry of the UN list, and how many name
    a reference the UN list does not hold (delisted since, or mistyped)."""
    un = {entity.id: entity for entity in entities if entity.list_name == "un"}
    pairs, unknown = [], 0
    for entity in entities:
        if entity.list_name != "uk":
            continue
        for reference in entity.properties.get(REFERENCE, []):
            counterpart = un.get(f"un:{reference.strip()}")
            if counterpart is None:
                unknown += 1
            else:
                pairs.append(Pair(entity, counterpart))
    return pairs, unknown


def _query(pair: Pair, name: str, evidence: bool) -> Query:
    """A UK entry's name as a query, with the entry's birth dates and nationalities if
    ``evidence``."""
    if not evidence:
        return Query(pair.uk.id, [name], pair.uk.schema)
    return Query(
        pair.uk.id,
        [name],
        pair.uk.schema,
        birth_dates=list(pair.uk.birth_dates),
        nationalities=list(pair.uk.nationalities),
    )


def closest(screener: Screener, pair: Pair, name: str) -> tuple[float, str]:
    """The name score of ``name`` against the UN entry (its best name), and that name."""
    scored = score_entity(_query(pair, name, evidence=False), pair.un, screener.index.weights)
    assert scored is not None, "a linked UN entry has names"
    return scored.name_score, scored.name.candidate.text


def report(screener: Screener, pairs: list[Pair], evidence: bool, examples: int) -> None:
    asked: Counter[NameKind] = Counter()
    found: Counter[NameKind] = Counter()
    entities_found: set[str] = set()
    primary_found: set[str] = set()
    misses: list[tuple[Pair, str, NameKind]] = []
    queries = [
        (pair, name.full, name.kind, _query(pair, name.full, evidence))
        for pair in pairs
        for name in pair.uk.names
    ]
    results = screener.screen_many([query for *_, query in queries], limit=50)
    for (pair, text, kind, _), hits in zip(queries, results, strict=True):
        asked[kind] += 1
        if any(hit.entity.id == pair.un.id for hit in hits):
            found[kind] += 1
            entities_found.add(pair.uk.id)
            if kind is NameKind.PRIMARY:
                primary_found.add(pair.uk.id)
        else:
            misses.append((pair, text, kind))
    label = "names, birth dates and nationalities" if evidence else "names only"
    total = sum(asked.values())
    print(f"{label}: {sum(found.values()) / total:.2%} of {total} names find their UN entry")
    for kind in sorted(asked):
        share = found[kind] / asked[kind]
        print(f"    {kind.value:16s} {share:7.2%} ({found[kind]} of {asked[kind]})")
    entries = {pair.uk.id for pair in pairs}
    print(
        f"  UK entries found by some name: {len(entities_found) / len(entries):.2%}; "
        f"by their primary name: {len(primary_found) / len(entries):.2%} (of {len(entries)})"
    )
    for pair, text, kind in misses[:examples]:
        score, listed = closest(screener, pair, text)
        print(f"    miss ({kind.value}) {text!r} ~ {pair.un.id} {listed!r}: name score {score:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=15, help="misses to print")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        entities, _ = current_entities(args.db or Path(scratch) / "home")
    pairs, unknown = linked_pairs(entities)
    un = [entity for entity in entities if entity.list_name == "un"]
    print(
        f"{len(pairs)} UK entries name a UN entry ({unknown} name one the UN list does not "
        f"hold); UN index of {len(un)} entities"
    )
    screener = Screener(CandidateIndex.build(un))
    for evidence in (False, True):
        report(screener, pairs, evidence, args.examples)


if __name__ == "__main__":
    main()
