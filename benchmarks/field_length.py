"""Names as long as a message field: does that length alone make a name alert more?

    .venv/bin/python benchmarks/field_length.py [--examples 10] [--db DIR]

A name of exactly 35, 70 or 140 characters (or one less) may have been cut short by its
field, and is compared as such (``watchkeeper.match.truncation``).  Most names of that
length are whole.  For every listed person and organisation of the lists in
``../shared/data/lists`` (the current version of each, or ``--db DIR``) whose primary name
has three words or more, the last word is replaced by a word of another listed name (fixed
seed), twice: once so that the name is as long as a field, once so that it is not.  Each is
screened with nothing but the name and the schema.  Printed, by schema and length: the
share whose entry is among the hits at the default threshold (the first 100).  The other
name shares all but one of its words with the entry, so some hits are expected; what
matters is the gap between the two lengths, and a few of the names as long as a field
that still meet their entry.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from perturbed import Case, listed_screener, screen_cases

from watchkeeper.model import Entity, Schema
from watchkeeper.screening import Screener

SEED = 7
FIELD_LENGTHS = frozenset({34, 35, 69, 70, 139, 140})
"""One or two SWIFT MT / EDIFACT lines, an ISO 20022 name; or one character less."""
SCHEMAS = (Schema.PERSON, Schema.ORGANIZATION)
TRIES = 60
"""Words drawn for each name until one gives it the length sought."""


def last_word_replaced(
    words: list[str], others: list[str], field_long: bool, rng: random.Random
) -> str | None:
    """The name with its last word replaced by one of ``others``, as long as a field or
    not (``field_long``); None if no word drawn gives that."""
    head = " ".join(words[:-1])
    for _ in range(TRIES):
        word = rng.choice(others)
        text = f"{head} {word}"
        if word.lower() != words[-1].lower() and (len(text) in FIELD_LENGTHS) == field_long:
            return text
    return None


def cases_of(entities: list[Entity], rng: random.Random) -> list[Case]:
    """Both changed names of each listed name that has a name of each length."""
    listed = [entity for entity in entities if entity.schema in SCHEMAS]
    others = sorted(
        {word for entity in listed for word in entity.names[0].full.split() if len(word) > 3}
    )
    cases = []
    for entity in listed:
        name = entity.names[0].full
        words = name.split()
        if len(words) < 3:
            continue
        long = last_word_replaced(words, others, True, rng)
        other = last_word_replaced(words, others, False, rng)
        if long is not None and other is not None:
            for text, length in ((long, "as long as a field"), (other, "other length")):
                key = (entity.schema.value, length)
                cases.append(Case(key, entity.id, name, text, entity.schema))
    return cases


def report(entities: list[Entity], screener: Screener, examples: int) -> None:
    cases = cases_of(entities, random.Random(SEED))
    found, total, misses = screen_cases(screener, cases)
    missed = set(misses)
    met = [case for case in cases if case not in missed]
    print(f"{len(cases)} listed names with their last word replaced, screened")
    for schema in SCHEMAS:
        for length in ("as long as a field", "other length"):
            key = (schema.value, length)
            if total[key]:
                print(
                    f"  {schema.value:12s} {length:18s} meets its entry "
                    f"{found[key] / total[key]:6.1%} ({found[key]} of {total[key]})"
                )
        long_met = [case for case in met if case.key == (schema.value, "as long as a field")]
        for case in long_met[:examples]:
            print(f"      met {case.text!r} ~ {case.listed!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=5, help="names to print per schema")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    with listed_screener(args.db) as (entities, screener):
        report(entities, screener, args.examples)


if __name__ == "__main__":
    main()
