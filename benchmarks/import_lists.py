"""Import every reference list into a fresh store: wall time and peak memory; `lists status` time.

Runs the real command line (`watchkeeper lists import ../shared/data/lists`) in a child
process per run, so the figures include interpreter start-up, format detection, parsing,
checks and SQLite writes.  Peak memory is the child's maximum resident set size.

    .venv/bin/python benchmarks/import_lists.py [--runs 3]

Every file set in the folder is imported; several files of one list (two UN months, four
OFAC SDN sets) become successive versions, so ``--max-shrink 1`` lets the partial 2025 OFAC
set through after the full 2024 one: the benchmark measures reading, not the safety check.
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

ROOT = Path(__file__).resolve().parents[1]
LISTS = (ROOT / ".." / "shared" / "data" / "lists").resolve()
WATCHKEEPER = Path(sys.executable).with_name("watchkeeper")


def timed_child(args: list[str]) -> tuple[float, int, bytes]:
    """Run a command; return its wall time (s), peak RSS (KiB) and standard output."""
    started = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(args)} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs

    import_times: list[float] = []
    peaks: list[int] = []
    status_times: list[float] = []
    summary: list[dict[str, object]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            elapsed, peak, output = timed_child(
                [
                    str(WATCHKEEPER),
                    "lists",
                    "import",
                    str(LISTS),
                    "--max-shrink",
                    "1",
                    "--db",
                    home,
                    "--json",
                ]
            )
            import_times.append(elapsed)
            peaks.append(peak)
            summary = json.loads(output)
            for _ in range(5):
                status_elapsed, _peak, _out = timed_child(
                    [str(WATCHKEEPER), "lists", "status", "--db", home, "--json"]
                )
                status_times.append(status_elapsed)

    imported = [s for s in summary if s["status"] == "imported"]
    rejected = [s for s in summary if s["status"] == "rejected"]
    print(f"file sets imported: {len(imported)}, rejected: {len(rejected)}")
    for outcome in summary:
        status, list_name, count = outcome["status"], outcome["list"], outcome["entities"]
        print(f"  {status:9} {list_name!s:13} {count:>7,}  {outcome['source']}")
    print(f"entities imported: {sum(int(str(s['entities'])) for s in imported):,}")
    print(
        f"import wall time: median {statistics.median(import_times):.1f} s over {runs} runs "
        f"(min {min(import_times):.1f}, max {max(import_times):.1f}); target < 60 s"
    )
    print(f"import peak memory: {max(peaks) / 1024:.0f} MiB (max over runs); target < 1024 MiB")
    print(
        f"`lists status` wall time: median {statistics.median(status_times) * 1000:.0f} ms "
        f"over {len(status_times)} runs; target < 1 s"
    )


if __name__ == "__main__":
    main()
