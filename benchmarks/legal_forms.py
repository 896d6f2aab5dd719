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
from pathlib import Path

from perturbed import (
    LEGAL_FORM_SPELLINGS,
    Case,
    legal_form_otherwise,
    listed_screener,
    print_misses,
    screen_cases,
)

from watchkeeper.model import Entity, Schema
from watchkeeper.screening import Screener


def report(entities: list[Entity], screener: Screener, examples: int) -> None:
    """Screen every listed organisation's name that holds a legal form, with it written
    another way; print what was found, by form."""
    cases = []
    for entity in entities:
        if entity.schema is Schema.ORGANIZATION:
            for name in dict.fromkeys(name.full for name in entity.names):
                rewritten = legal_form_otherwise(name.split())
                if rewritten is not None:
                    form, changed = rewritten
                    text = " ".join(changed)
                    cases.append(Case((form,), entity.id, name, text, Schema.ORGANIZATION))
    found, total, misses = screen_cases(screener, cases)
    print(f"{len(cases)} names of listed organisations with their legal form written otherwise")
    print(f"  every form {found.total() / len(cases):.1%} ({found.total()} of {len(cases)})")
    for form in (spellings.split("|")[0] for spellings in LEGAL_FORM_SPELLINGS):
        count = total[form,]
        if count:
            print(f"  {form:9s}  {found[form,] / count:.1%} ({found[form,]} of {count})")
            print_misses([case for case in misses if case.key == (form,)], examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=5, help="misses to print per form")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    with listed_screener(args.db) as (entities, screener):
        report(entities, screener, args.examples)


if __name__ == "__main__":
    main()
