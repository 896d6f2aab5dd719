"""False alerts: how often made-up, non-listed names alert at the default threshold.

    .venv/bin/python benchmarks/false_alerts.py [--queries 6000] [--examples 10] [--db DIR]

Queries are full names of two or three real name words that need not belong together
(tokens of the Wikidata transliteration sets: half in Latin, a quarter each in Arabic and
Cyrillic script; fixed seed), screened as persons with nothing but the name against the UN
list alone and against every list in ``../shared/data/lists`` (the current version of each,
imported into a temporary store, or ``--db DIR`` kept and reused; each index built once).
A fifth more queries are Latin names of such words longer than 35 characters, cut there as
a message field cuts a longer name (read as possibly cut: ``watchkeeper.match.truncation``),
and a fifth more a compound given name of those words (one that starts with "abd" or ends
with a second element of Arabic compounds: "Abdulrahman", "Nasreddin", "Shamsulhaq"; a few
surnames too, "Girardin") and one other word, as millions of people are named.
Printed per index: the share of queries with at least one hit, overall and by kind, and
the highest-scoring alerts with the words that met.  Some made-up names are true namesakes of
listed people ("Ali Hassan"); those alert in every version, so the figure to watch is the
change between versions of the matcher, not its absolute value.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from candidate_recall import Query as MadeUpName
from candidate_recall import current_entities, latin_name_words, made_up_names

from watchkeeper.match.index import CandidateIndex
from watchkeeper.model import Entity, Query, Schema
from watchkeeper.screening import Hit, Screener

SEED = 11
FIELD_WIDTH = 35


@dataclass(frozen=True, slots=True)
class Alert:
    query: MadeUpName
    hit: Hit


def screen_all(index: CandidateIndex, queries: list[MadeUpName]) -> tuple[list[Alert], float]:
    """The best hit of every query that has one, and the milliseconds per query."""
    screener = Screener(index)
    alerts = []
    started = time.perf_counter()
    for number, query in enumerate(queries):
        hits = screener.screen(Query(f"q{number}", [query.text], Schema.PERSON), limit=1)
        if hits:
            alerts.append(Alert(query, hits[0]))
    return alerts, (time.perf_counter() - started) * 1000 / len(queries)


def how_they_met(alert: Alert) -> str:
    """The aligned words of the best name pair: ``query=listed (how similarity)``."""
    return ", ".join(
        f"{' '.join(pair.query)}={' '.join(pair.candidate)} "
        f"({pair.how.value} {pair.similarity:.2f})"
        for pair in alert.hit.result.name.pairs
    )


def report(label: str, entities: list[Entity], queries: list[MadeUpName], examples: int) -> None:
    started = time.perf_counter()
    index = CandidateIndex.build(entities)
    build_seconds = time.perf_counter() - started
    alerts, milliseconds = screen_all(index, queries)
    asked = Counter(query.kind for query in queries)
    alerted = Counter(alert.query.kind for alert in alerts)
    print(
        f"{label}: {len(entities):,} entities, {index.name_count:,} names "
        f"(index built in {build_seconds:.0f} s); {milliseconds:.2f} ms/query"
    )
    print(f"  alert rate {len(alerts) / len(queries):.2%} ({len(alerts)} of {len(queries)})")
    for kind, count in sorted(asked.items()):
        print(f"    {kind:18s} {alerted[kind] / count:6.2%} ({alerted[kind]} of {count})")
    print("  highest-scoring alerts:")
    for alert in sorted(alerts, key=lambda found: -found.hit.score)[:examples]:
        print(
            f"    {alert.hit.score:.3f}  {alert.query.text!r} ~ "
            f"{alert.hit.result.name.candidate.text!r}  [{how_they_met(alert)}]"
        )


def cut_names(count: int, rng: random.Random) -> list[MadeUpName]:
    """Made-up Latin names longer than :data:`FIELD_WIDTH` characters, cut there."""
    latin = [name.text for name in made_up_names(count * 8, rng) if name.kind == "made-up latin"]
    cut = []
    text = ""
    for name in latin:
        text = f"{text} {name}".strip()
        if len(text) > FIELD_WIDTH:
            cut.append(MadeUpName(text[:FIELD_WIDTH].rstrip(), Schema.PERSON, "cut at 35"))
            text = ""
    return cut[:count]


COMPOUND = re.compile(
    r"^abd[a-z]{4,}$|(?:dd|ld)(?:in|ine|een)$|(?:rr|lr)(?:ahman|ehman|ahim)$|(?:zz|lz)aman$"
    r"|[aeiou]lhaq$|(?:ss|ls)alam$"
)
"""Compound given names written as one word: "abd" and a word, or the article (assimilated,
or "l") and a second element ("Nasreddin", "Abdurrahman", "Shamsulhaq"): chosen here, not by
the matcher's code, so that the queries are the same whatever the code under test."""


def compound_names(count: int, rng: random.Random) -> list[MadeUpName]:
    """Made-up Latin names of a compound given name and one other word."""
    words = latin_name_words()
    compounds = [word for word in words if COMPOUND.search(word.lower())]
    return [
        MadeUpName(f"{rng.choice(compounds)} {rng.choice(words)}", Schema.PERSON, "compound + word")
        for _ in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=6000, help="made-up names")
    parser.add_argument("--examples", type=int, default=10, help="alerts to print per index")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    queries = made_up_names(args.queries, rng)
    queries += cut_names(args.queries // 5, rng)
    queries += compound_names(args.queries // 5, rng)
    with tempfile.TemporaryDirectory() as scratch:
        entities, _ = current_entities(args.db or Path(scratch) / "home")
    un = [entity for entity in entities if entity.list_name == "un"]
    report("UN list", un, queries, args.examples)
    report("every list", entities, queries, args.examples)


if __name__ == "__main__":
    main()
