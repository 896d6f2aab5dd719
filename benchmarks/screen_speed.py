"""Screening speed with every list loaded, against a yente-like pipeline in the same run.

    .venv/bin/pip install -e '.[bench]'        # nomenklatura, for the comparison run
    .venv/bin/python benchmarks/screen_speed.py [--queries 20000] [--runs 3]

Prints: index build time, index size and load time, resident memory with the index loaded,
the whole ``watchkeeper screen --input`` command's throughput on 20,000 mostly non-listed
names (index load included, both cores), single in-process query latency (p50 / p99), and
the same queries through a yente-like pipeline: this index's candidates, each scored by
nomenklatura's logic-v2 (what yente does after its search-engine retrieval), single core,
against watchkeeper's own single-core in-process throughput (in batches, as ``screen
--input`` screens, on queries the index has not met before).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import peak_rss_mib
from workload import NEWEST_LISTS, screening_queries

from watchkeeper.cli.screen import CHUNK_SIZE
from watchkeeper.importing import ImportPolicy, import_paths
from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.score import DEFAULT_THRESHOLD
from watchkeeper.model import Entity, IdType, NameKind
from watchkeeper.parallel import forked_map
from watchkeeper.queries import query_from_json
from watchkeeper.screening import Screener, index_path, open_index
from watchkeeper.store import Store

WATCHKEEPER = Path(sys.executable).with_name("watchkeeper")
YENTE_LIKE_QUERIES = 1000
LATENCY_QUERIES = 5000
YENTE_CANDIDATES = 50
"""yente scores the top candidates of its search-engine retrieval; this run takes up to 50."""


def _median_seconds(action: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _run_batch(command: list[str]) -> None:
    """Run the batch command; exit status 1 only means some queries were unreadable."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    print(f"  {done.stderr.strip().splitlines()[0]}")


def _load_rss_mib(path: Path) -> float:
    """Peak resident memory of a fresh process that loads the index and screens one name."""
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from corpus import peak_rss_mib;"
        "from watchkeeper.match.index import CandidateIndex;"
        "from watchkeeper.screening import Screener; from watchkeeper.model import Query;"
        "s = Screener(CandidateIndex.load(Path(sys.argv[1])));"
        "s.screen(Query(id='q', names=['Abu Bakr al-Baghdadi']));"
        "print(peak_rss_mib())"
    )
    here = str(Path(__file__).parent)
    output = subprocess.run(
        [sys.executable, "-c", code, str(path), here], check=True, capture_output=True, text=True
    )
    return float(output.stdout.strip())


def _ftm_proxy(entity: Entity) -> Any:
    """The entity as a FollowTheMoney proxy, the form yente scores."""
    from followthemoney import model

    schema = {"Organization": "Organization", "Person": "Person", "Vessel": "Vessel"}.get(
        str(entity.schema), "LegalEntity"
    )
    proxy = model.make_entity(schema)
    proxy.id = entity.id
    for name in entity.names:
        prop = "weakAlias" if name.kind is NameKind.WEAK_ALIAS else "name"
        proxy.add(prop, name.full, quiet=True)
    if schema == "Person":
        proxy.add("birthDate", [d.start for d in entity.birth_dates], quiet=True)
        proxy.add("nationality", entity.nationalities, quiet=True)
    proxy.add("country", entity.countries, quiet=True)
    for identifier in entity.identifiers:
        prop = {IdType.PASSPORT: "passportNumber", IdType.IMO: "imoNumber"}.get(
            identifier.type, "idNumber"
        )
        proxy.add(prop, identifier.value, quiet=True)
    return proxy


def _batch_rate(screener: Screener, queries: list[dict[str, Any]]) -> float:
    """Queries/s of ``screener`` on these queries in batches, as ``screen --input --workers
    1`` screens them (one core)."""
    parsed = [query_from_json(data, data["id"]) for data in queries]
    chunks = [parsed[start : start + CHUNK_SIZE] for start in range(0, len(parsed), CHUNK_SIZE)]
    started = time.perf_counter()
    for _ in forked_map(Screener.screen_many, screener, chunks, workers=1):
        pass
    return len(parsed) / (time.perf_counter() - started)


def _yente_like(index: CandidateIndex, queries: list[dict[str, Any]]) -> tuple[float, int]:
    """Queries/s of logic-v2 scoring over this index's candidates (proxies made beforehand)."""
    from followthemoney import model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig

    config = ScoringConfig.defaults()
    work: list[tuple[Any, list[Any]]] = []
    proxies: dict[int, Any] = {}
    for data in queries:
        query = query_from_json(data, data["id"])
        prepared = [index.prepare_query(text, query.schema) for text in query.names]
        candidates = index.candidates(prepared, threshold=DEFAULT_THRESHOLD)
        positions = [c.entity for c in candidates][:YENTE_CANDIDATES]
        for position in positions:
            if position not in proxies:
                proxies[position] = _ftm_proxy(index.entity(position))
        proxy = model.make_entity(data["schema"])
        proxy.id = data["id"]
        proxy.add("name", query.names)
        work.append((proxy, [proxies[p] for p in positions]))
    pairs = sum(len(candidates) for _, candidates in work)
    started = time.perf_counter()
    for proxy, candidates in work:
        for candidate in candidates:
            LogicV2.compare(proxy, candidate, config)
    return len(work) / (time.perf_counter() - started), pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        with Store(home) as store:
            outcomes = import_paths(store, list(NEWEST_LISTS), ImportPolicy(max_shrink=1.0))
            entities = sum(o.entities for o in outcomes)
            started = time.perf_counter()
            index = open_index(store)
            build_seconds = time.perf_counter() - started
            path = index_path(store)
        print(f"lists: {len(outcomes)} files, {entities:,} entities, {index.name_count:,} names")
        size = path.stat().st_size / 2**20
        print(f"index build: {build_seconds:.1f} s (target <= 60 s); size {size:.0f} MiB")
        load_seconds = _median_seconds(lambda: CandidateIndex.load(path), args.runs)
        print(f"index load: median {load_seconds:.2f} s over {args.runs} runs (target <= 2 s)")
        print(f"resident memory, index loaded: {_load_rss_mib(path):.0f} MiB (target <= 1536 MiB)")

        listed = [index.entity(p).caption for p in range(0, len(index), 7)]
        queries = screening_queries(args.queries, listed)
        query_file = home / "queries.jsonl"
        query_file.write_text("".join(json.dumps(q) + "\n" for q in queries), encoding="utf-8")
        command = [
            str(WATCHKEEPER),
            "screen",
            "--input",
            str(query_file),
            "--output",
            str(home / "results.jsonl"),
            "--db",
            str(home),
        ]
        batch_seconds = _median_seconds(lambda: _run_batch(command), args.runs)
        with (home / "results.jsonl").open(encoding="utf-8") as handle:
            with_hits = sum(1 for line in handle if json.loads(line)["results"])
        print(
            f"batch `watchkeeper screen --input` ({len(queries):,} queries, {with_hits:,} with "
            f"hits, {os.cpu_count()} cores): median {batch_seconds:.1f} s = "
            f"{len(queries) / batch_seconds:,.0f} queries/s (target >= 2,000)"
        )

        screener = Screener(index)
        parsed = [query_from_json(q, q["id"]) for q in queries]
        latencies = []
        timed = min(LATENCY_QUERIES, len(parsed) // 2)
        for query in parsed[:timed]:
            started = time.perf_counter()
            screener.screen(query)
            latencies.append(time.perf_counter() - started)
        latencies.sort()
        p50 = latencies[len(latencies) // 2] * 1000
        p99 = latencies[int(len(latencies) * 0.99)] * 1000
        print(f"single query in process: p50 {p50:.2f} ms, p99 {p99:.2f} ms (targets 1 / 10 ms)")

        # Queries the latency pass did not screen, each run on a freshly loaded index, so
        # that what their units met is not remembered (the process's word caches stay).
        sample = queries[timed : timed + YENTE_LIKE_QUERIES]
        ours = statistics.median(
            _batch_rate(Screener(CandidateIndex.load(path)), sample) for _ in range(args.runs)
        )
        try:
            theirs, pairs = _yente_like(index, sample)
        except ImportError:
            print("yente-like run skipped: install the bench extra (pip install -e '.[bench]')")
            return
        print(
            f"same {len(sample):,} queries, one core: watchkeeper {ours:,.0f} queries/s; "
            f"yente-like (these candidates, {pairs:,} pairs, logic-v2) {theirs:,.1f} queries/s; "
            f"ratio {ours / theirs:,.0f}x (target >= 20x)"
        )
    print(f"benchmark process peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
