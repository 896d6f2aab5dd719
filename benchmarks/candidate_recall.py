"""Candidate index: recall against exhaustive scoring, build and load time, size, memory, latency.

    .venv/bin/python benchmarks/candidate_recall.py [--listed 300] [--seed N] [--db DIR]

Every file of ``../shared/data/lists`` is imported into a temporary store (``--db DIR`` keeps
it, and reuses it when it holds lists already) and the index is built from the current
version of each list.  Queries: listed names chosen at random and changed one way each (a
typo, words reordered, a middle word dropped, a romanisation variant, two words joined or
one split, the name as written in its own script), and names that are not listed (names of
the nomenklatura name_bench pairs, and made-up full names from the Wikidata transliteration
tokens in Latin, Arabic and Cyrillic script).  Each query name is compared with every
listed name (exhaustive, two processes) and searched through the index; printed: the share
of the (query, entity) pairs that exhaustive scoring puts at or above the threshold that the
candidates keep, and that the matcher returns, by kind of query; the index build time,
saved size, load time (median of five loads); and, in a fresh process that loads the index
and screens the queries twice, its peak resident memory and the single-query latency.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import random
import re
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus import DATA, EVAL, peak_rss_mib

from watchkeeper.importing import ImportPolicy, import_paths
from watchkeeper.match.engine import Matcher
from watchkeeper.match.index import CandidateIndex, versions_key
from watchkeeper.match.names import DEFAULT_THRESHOLD, SimilarityCache, compare_names
from watchkeeper.model import Entity, NameKind, Schema
from watchkeeper.store import Store
from watchkeeper.text.scripts import Script, dominant_script

LISTS = DATA / "lists"
SEED = 3


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    schema: Schema | None
    kind: str
    """How the query was made (the perturbation, or where the unlisted name comes from)."""


# --- queries -----------------------------------------------------------------------------

_ROMANISATIONS: tuple[tuple[str, str], ...] = (
    ("mohammed", "muhammad"),
    ("muhammad", "mohamed"),
    ("mohamed", "mohammad"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ph", "f"),
    ("kh", "h"),
    ("q", "k"),
    ("dh", "z"),
    ("sh", "sch"),
    ("y", "i"),
    ("ie", "i"),
    ("j", "dj"),
    ("u", "ou"),
    ("ei", "ey"),
    ("v", "w"),
    ("ts", "tz"),
    ("al-", "el "),
    ("abdul", "abd al-"),
    ("ck", "k"),
)
"""Spellings that one romanisation system or government uses for another's."""


def typo(text: str, rng: random.Random) -> str | None:
    """One letter deleted, inserted, replaced, or two swapped, in a word of four or more."""
    words = text.split()
    long_words = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()]
    if not long_words:
        return None
    index = rng.choice(long_words)
    word = words[index]
    at = rng.randrange(1, len(word) - 1)
    letter = rng.choice("aeioulnrstmkdh")
    edits = (
        word[:at] + word[at + 1 :],
        word[:at] + letter + word[at:],
        word[:at] + letter + word[at + 1 :],
        word[:at] + word[at + 1] + word[at] + word[at + 2 :],
    )
    words[index] = rng.choice(edits)
    return " ".join(words)


def reorder(text: str, rng: random.Random) -> str | None:
    """Words shuffled, or the last word put first with a comma ("SURNAME, Given")."""
    words = text.split()
    if len(words) < 2:
        return None
    if rng.random() < 0.5:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    shuffled = words[:]
    while shuffled == words:
        rng.shuffle(shuffled)
    return " ".join(shuffled)


def drop_middle(text: str, rng: random.Random) -> str | None:
    words = text.split()
    if len(words) < 3:
        return None
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def romanise(text: str, rng: random.Random) -> str | None:
    """One spelling of another romanisation system."""
    lower = text.lower()
    found = [(old, new) for old, new in _ROMANISATIONS if old in lower]
    if not found:
        return None
    old, new = rng.choice(found)
    at = rng.choice([m.start() for m in re.finditer(re.escape(old), lower)])
    return text[:at] + new + text[at + len(old) :]


def join_or_split(text: str, rng: random.Random) -> str | None:
    """Two adjacent words written as one, or a long word cut in two."""
    words = text.split()
    long_words = [i for i, word in enumerate(words) if len(word) >= 8]
    if len(words) >= 2 and (not long_words or rng.random() < 0.5):
        at = rng.randrange(len(words) - 1)
        return " ".join([*words[:at], words[at] + words[at + 1], *words[at + 2 :]])
    if long_words:
        index = rng.choice(long_words)
        cut = rng.randrange(3, len(words[index]) - 3)
        words[index] = f"{words[index][:cut]} {words[index][cut:]}"
        return " ".join(words)
    return None


PERTURBATIONS: dict[str, Callable[[str, random.Random], str | None]] = {
    "typo": typo,
    "reorder": reorder,
    "drop middle": drop_middle,
    "romanisation": romanise,
    "join/split": join_or_split,
}


def own_script_names(entities: list[Entity]) -> list[tuple[str, Schema]]:
    """Names the lists give in Arabic or Cyrillic script."""
    wanted = (Script.ARABIC, Script.CYRILLIC)
    return [
        (name.full, entity.schema)
        for entity in entities
        for name in entity.names
        if name.kind is NameKind.ORIGINAL_SCRIPT and dominant_script(name.full) in wanted
    ]


def perturbed_queries(entities: list[Entity], count: int, rng: random.Random) -> list[Query]:
    """``count`` listed names changed one way each, the kinds of change in turn; every
    sixth is a name in its own script, with a typo half of the time."""
    names = [(name.full, entity.schema) for entity in entities for name in entity.names]
    scripts = own_script_names(entities)
    kinds = [*PERTURBATIONS, "own script"]
    queries: list[Query] = []
    while len(queries) < count:
        kind = kinds[len(queries) % len(kinds)]
        if kind == "own script":
            text, schema = rng.choice(scripts)
            changed = typo(text, rng) if rng.random() < 0.5 else text
        else:
            text, schema = rng.choice(names)
            changed = PERTURBATIONS[kind](text, rng)
        if changed and changed != text:
            queries.append(Query(changed, schema, kind))
    return queries


def bench_names(count: int, rng: random.Random) -> list[Query]:
    """Names of the nomenklatura name_bench pairs (most are not listed)."""
    path = EVAL / "nomenklatura_name_bench" / "name_bench_cases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    schemas = {"Person": Schema.PERSON, "Company": Schema.ORGANIZATION}
    found = {(row["name1"], schemas.get(row["schema"], Schema.ORGANIZATION)) for row in rows}
    return [Query(text, schema, "name_bench") for text, schema in rng.sample(sorted(found), count)]


def _script_tokens(file_name: str, column: int) -> list[str]:
    with (EVAL / "wikidata_transliteration" / file_name).open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    return sorted({row[column].replace(" ", "") for row in rows if len(row) > 1 and row[column]})


def latin_name_words() -> list[str]:
    """The Latin words of the Wikidata transliteration sets (Russian and Arabic names),
    capitalised."""
    latin = [word.capitalize() for word in _script_tokens("wd_russian_20", 0) if word.isalpha()]
    latin += [word.capitalize() for word in _script_tokens("wd_arabic_20", 0) if word.isalpha()]
    return latin


def made_up_names(count: int, rng: random.Random) -> list[Query]:
    """Full names of two or three real name words that need not belong together: Latin
    (half), Arabic and Cyrillic script (a quarter each)."""
    latin = latin_name_words()
    sources = [
        ("made-up latin", latin),
        ("made-up latin", latin),
        ("made-up arabic", _script_tokens("wd_arabic_20", 1)),
        ("made-up cyrillic", _script_tokens("wd_russian_20", 1)),
    ]
    queries = []
    for number in range(count):
        kind, words = sources[number % len(sources)]
        text = " ".join(rng.choice(words) for _ in range(rng.choice((2, 2, 3))))
        queries.append(Query(text, Schema.PERSON, kind))
    return queries


# --- the index ---------------------------------------------------------------------------


def current_entities(home: Path) -> tuple[list[Entity], str]:
    """Every entity of the current version of each list in the store at ``home`` (importing
    the reference lists first if it has none), and their versions' key."""
    with Store(home) as store:
        if not store.current_versions():
            import_paths(store, [LISTS], ImportPolicy(max_shrink=1.0))
        versions = store.current_versions()
        entities = [entity for version in versions for entity in store.entities(version.id)]
    return entities, versions_key(versions)


def median_load_seconds(path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        CandidateIndex.load(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# --- exhaustive scoring ------------------------------------------------------------------

_INDEX: CandidateIndex | None = None
"""The index the exhaustive workers share (set before they fork)."""


def exhaustive_matches(job: tuple[list[Query], float]) -> list[set[int]]:
    """For each query, the entities one of whose names scores at least the threshold,
    comparing the query with every listed name."""
    queries, threshold = job
    assert _INDEX is not None
    listed = [_INDEX.prepared(name_id) for name_id in range(_INDEX.name_count)]
    owners = [_INDEX.listed(name_id).entity for name_id in range(_INDEX.name_count)]
    found = []
    for query in queries:
        prepared = _INDEX.prepare_query(query.text, query.schema)
        cache: SimilarityCache = {}
        found.append(
            {
                owner
                for name, owner in zip(listed, owners, strict=True)
                if compare_names(prepared, name, _INDEX.params, cache).score >= threshold
            }
        )
    return found


def exhaustive(
    index: CandidateIndex, queries: list[Query], threshold: float, workers: int
) -> list[set[int]]:
    global _INDEX
    _INDEX = index
    chunks = [queries[start::workers] for start in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(exhaustive_matches, [(chunk, threshold) for chunk in chunks])
    merged: list[set[int]] = [set() for _ in queries]
    for start, result in enumerate(results):
        for offset, found in enumerate(result):
            merged[start + offset * workers] = found
    return merged


# --- through the index -------------------------------------------------------------------


def indexed(
    index: CandidateIndex, queries: list[Query], threshold: float
) -> Iterator[tuple[set[int], set[int]]]:
    """For each query, (entities among the candidates, entities the matcher returns)."""
    matcher = Matcher(index)
    for query in queries:
        prepared = [index.prepare_query(query.text, query.schema)]
        candidates = {c.entity for c in index.candidates(prepared, threshold=threshold)}
        hits = matcher.match_names([query.text], query.schema, threshold, limit=len(index))
        yield candidates, {hit.entity for hit in hits}


def report_recall(
    queries: list[Query],
    truth: list[set[int]],
    found: list[tuple[set[int], set[int]]],
) -> None:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for query, expected, (candidates, hits) in zip(queries, truth, found, strict=True):
        for counts in (by_kind[query.kind], by_kind["all"]):
            counts["queries"] += 1
            counts["pairs"] += len(expected)
            counts["candidates kept"] += len(expected & candidates)
            counts["matcher found"] += len(expected & hits)
            counts["matcher extra"] += len(hits - expected)
            counts["candidates"] += len(candidates)
    print("recall of (query, entity) pairs at or above the threshold:")
    for kind, counts in sorted(by_kind.items(), key=lambda item: item[0] == "all"):
        pairs = max(1, counts["pairs"])
        print(
            f"  {kind:18s} queries {counts['queries']:4d}  pairs {counts['pairs']:5d}  "
            f"candidates {counts['candidates kept'] / pairs:7.2%}  "
            f"matcher {counts['matcher found'] / pairs:7.2%}  "
            f"(extra {counts['matcher extra']}, "
            f"candidates/query {counts['candidates'] / counts['queries']:.1f})"
        )
    for query, expected, (candidates, _) in zip(queries, truth, found, strict=True):
        for missed in sorted(expected - candidates):
            print(f"  missed: {query.kind}: {query.text!r} -> entity {missed}")


# --- serving -----------------------------------------------------------------------------


def serve(job: tuple[Path, list[Query], float]) -> tuple[list[float], list[float], float]:
    """In a fresh process: load the index, screen every query twice (first with cold
    caches, then warm); the latencies in ms of both passes and the peak RSS in MiB."""
    path, queries, threshold = job
    matcher = Matcher(CandidateIndex.load(path))
    passes = []
    for _ in range(2):
        latencies = []
        for query in queries:
            started = time.perf_counter()
            matcher.match_names([query.text], query.schema, threshold)
            latencies.append((time.perf_counter() - started) * 1000)
        passes.append(latencies)
    return passes[0], passes[1], peak_rss_mib()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listed", type=int, default=300, help="perturbed listed names")
    parser.add_argument("--unlisted", type=int, default=200, help="names not from the lists")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    parser.add_argument(
        "--seed", type=int, default=SEED, help="another sample of queries (fresh misses)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = args.db or Path(scratch) / "home"
        entities, key = current_entities(home)
        started = time.perf_counter()
        index = CandidateIndex.build(entities, key)
        build_seconds = time.perf_counter() - started
        path = Path(scratch) / f"{key}.idx"
        index.save(path)
        print(
            f"index: {len(entities):,} entities, {index.name_count:,} names; "
            f"build {build_seconds:.1f} s, file {path.stat().st_size / 2**20:.0f} MiB, "
            f"load {median_load_seconds(path):.2f} s (median of 5)"
        )
        rng = random.Random(args.seed)
        queries = perturbed_queries(entities, args.listed, rng)
        queries += bench_names(args.unlisted // 2, rng)
        queries += made_up_names(args.unlisted - args.unlisted // 2, rng)
        started = time.perf_counter()
        truth = exhaustive(index, queries, args.threshold, args.workers)
        exhaustive_seconds = time.perf_counter() - started
        comparisons = len(queries) * index.name_count
        print(
            f"exhaustive: {len(queries)} queries x {index.name_count:,} names in "
            f"{exhaustive_seconds:.0f} s on {args.workers} processes "
            f"({comparisons / exhaustive_seconds / args.workers:,.0f} name pairs/s per process)"
        )
        report_recall(queries, truth, list(indexed(index, queries, args.threshold)))
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            cold, warm, rss = pool.apply(serve, ((path, queries, args.threshold),))
        for label, latencies in (("cold", cold), ("warm", warm)):
            print(
                f"single query ({label} caches): p50 {percentile(latencies, 0.5):.2f} ms, "
                f"p99 {percentile(latencies, 0.99):.2f} ms, max {max(latencies):.1f} ms"
            )
        print(f"resident memory of a process that loaded the index and screened: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
