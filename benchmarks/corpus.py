"""Shared helpers for the matching benchmarks: reference data paths and a names corpus."""

from __future__ import annotations

import csv
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from watchkeeper.match.weights import TokenWeights

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EVAL = DATA / "eval"
OFAC_SDN = DATA / "lists" / "ofac_sdn_2024" / "sdn_2024-05-03.csv"
OFAC_ALIASES = DATA / "lists" / "ofac_sdn_2025_partial" / "alt.csv"


def peak_rss_mib() -> float:
    """This process's peak resident memory: the high-water mark of its own memory
    (``ru_maxrss`` of a process started by another starts from its parent's)."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def ofac_names() -> Iterator[str]:
    """Primary names and aliases of the OFAC SDN list: a corpus of listed names."""
    with OFAC_SDN.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 1 and row[1].strip() not in ("", "-0-"):
                yield row[1]
    with OFAC_ALIASES.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[3].strip() not in ("", "-0-"):
                yield row[3]


def listed_name_weights() -> TokenWeights:
    """Word weights counted over the OFAC SDN names and aliases."""
    return TokenWeights.from_names(ofac_names())


def median_rate(work: Callable[[], int], runs: int = 5) -> float:
    """Median over ``runs`` of items per second; ``work`` returns how many items it did."""
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        done = work()
        rates.append(done / (time.perf_counter() - started))
    return statistics.median(rates)
