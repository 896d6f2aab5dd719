"""Legal forms written another way: how often a listed organisation is found when the legal
form its name holds is abbreviated, written out, or romanised from another language.

    .venv/bin/python benchmarks/legal_forms.py [--examples 5] [--db DIR]

Every name of every listed organisation of the lists in ``../shared/data/lists`` (the
current version of each, or ``--db DIR``) that holds one of the spellings of
:data:`perturbed.LEGAL_FORM_SPELLINGS` is screened, with nothing but the name and the
schema, with that form written another way of them (drawn by the name).  Printed: by form
(its first spelling), the share whose entry is among the hits at the default threshold,
and a few misses.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from candidate_recall import current_entities
from perturbed import HITS_LOOKED_AT, LEGAL_FORM_SPELLINGS, legal_form_otherwise

from watchkeeper.model import Query, Schema
from watchkeeper.screening import Screener, open_index
from watchkeeper.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=5, help="misses to print per form")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = args.db or Path(scratch) / "home"
        entities, _ = current_entities(home)
        screener = Screener(open_index(Store(home)))
    cases = []
    for entity in entities:
        if entity.schema is Schema.ORGANIZATION:
            for name in dict.fromkeys(name.full for name in entity.names):
                found = legal_form_otherwise(name.split())
                if found is not None:
                    form, changed = found
                    cases.append((form, entity.id, name, " ".join(changed)))
    queries = [Query(f"q{n}", [text], Schema.ORGANIZATION) for n, (*_, text) in enumerate(cases)]
    results = screener.screen_many(queries, limit=HITS_LOOKED_AT)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for (group, entity_id, name, text), hits in zip(cases, results, strict=True):
        total[group] += 1
        if any(hit.entity.id == entity_id for hit in hits):
            found[group] += 1
        else:
            misses[group].append((text, name))
    print(f"{len(cases)} names of listed organisations with their legal form written otherwise")
    print(f"  every form {found.total() / len(cases):.1%} ({found.total()} of {len(cases)})")
    for group in (spellings.split("|")[0] for spellings in LEGAL_FORM_SPELLINGS):
        if total[group]:
            share = found[group] / total[group]
            print(f"  {group:9s}  {share:.1%} ({found[group]} of {total[group]})")
            for text, listed_name in misses[group][: args.examples]:
                print(f"      miss {text!r} ~ {listed_name!r}")


if __name__ == "__main__":
    main()
