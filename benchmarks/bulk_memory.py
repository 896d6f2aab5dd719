"""A 50 MB bulk pain.001 screened end to end in bounded memory, every list loaded.

    .venv/bin/python benchmarks/bulk_memory.py [--megabytes 50] [--db DIR]

Writes a customer credit transfer initiation of payment blocks of salary payments (a
made-up creditor in every transaction, each with an address and remittance lines) until it
is ``--megabytes`` large, then runs the whole ``watchkeeper screen-message`` command on it
(result lines to a file) and on a one-transaction file.  Prints the time, units per second
and the peak resident memory of the largest process of each run (the command or one of its
workers): streamed, the bulk file costs a few megabytes over the one-transaction run, not
several times the file's size.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from workload import NEWEST_LISTS, name_tokens

from watchkeeper.importing import ImportPolicy, import_paths
from watchkeeper.screening import open_index
from watchkeeper.store import Store

WATCHKEEPER = Path(sys.executable).with_name("watchkeeper")
PER_BLOCK = 500
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>
<GrpHdr><MsgId>BULK-1</MsgId><CreDtTm>2026-03-02T08:00:00</CreDtTm><NbOfTxs>0</NbOfTxs>
<InitgPty><Nm>Northwind Payroll Services Oy</Nm></InitgPty></GrpHdr>
"""
BLOCK = """<PmtInf><PmtInfId>BLOCK-{block}</PmtInfId><PmtMtd>TRF</PmtMtd>
<ReqdExctnDt><Dt>2026-03-03</Dt></ReqdExctnDt>
<Dbtr><Nm>Northwind Payroll Services Oy</Nm><PstlAdr><Ctry>FI</Ctry></PstlAdr></Dbtr>
<DbtrAcct><Id><IBAN>FI2112345600000785</IBAN></Id></DbtrAcct>
<DbtrAgt><FinInstnId><BICFI>NDEAFIHH</BICFI></FinInstnId></DbtrAgt>
"""
TRANSACTION = """<CdtTrfTxInf><PmtId><EndToEndId>E2E-{n}</EndToEndId></PmtId>
<Amt><InstdAmt Ccy="EUR">{n}.50</InstdAmt></Amt>
<CdtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>{name}</Nm><PstlAdr><StrtNm>Industriestrasse</StrtNm><BldgNb>{n}</BldgNb>
<PstCd>60311</PstCd><TwnNm>Frankfurt am Main</TwnNm><Ctry>DE</Ctry></PstlAdr></Cdtr>
<CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct>
<RmtInf><Ustrd>Salary February 2026 employee {n} with overtime and holiday allowance</Ustrd>
<Ustrd>Deductions: income tax, pension, unemployment insurance, union fee, canteen</Ustrd>
</RmtInf></CdtTrfTxInf>
"""


def write_bulk(path: Path, megabytes: float, per_block: int, rng: random.Random) -> int:
    """A file of at least one payment block of ``per_block`` transactions, and as many as
    make it ``megabytes`` large, written piece by piece; returns its number of
    transactions."""
    tokens = name_tokens()
    limit = megabytes * 1_000_000
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        block = 0
        while block == 0 or out.tell() < limit:
            block += 1
            out.write(BLOCK.format(block=block))
            for _ in range(per_block):
                count += 1
                name = " ".join(rng.choice(tokens) for _ in range(rng.choice((2, 3))))
                out.write(TRANSACTION.format(n=count, name=escape(name)))
            out.write("</PmtInf>\n")
        out.write("</CstmrCdtTrfInitn></Document>\n")
    return count


def run_measured(path: Path, home: Path, output: Path) -> tuple[float, float, int]:
    """Seconds, peak resident MiB of the largest process and units of ``screen-message``
    on ``path``, in a fresh interpreter so that only that run's processes are measured."""
    code = (
        "import resource, subprocess, sys, time;"
        "started = time.perf_counter();"
        "done = subprocess.run(sys.argv[1:]);"
        "seconds = time.perf_counter() - started;"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(seconds, peak, done.returncode)"
    )
    command = [str(WATCHKEEPER), "screen-message", str(path), "--db", str(home)]
    measured = subprocess.run(
        [sys.executable, "-c", code, *command, "--output", str(output)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak_kib, status = measured.stdout.split()
    if int(status) not in (0, 3, 5):
        raise SystemExit(f"screen-message failed ({status}):\n{measured.stderr[-2000:]}")
    with output.open(encoding="utf-8") as lines:
        units = sum(1 for line in lines if json.loads(line)["decision"] is not None)
    return float(seconds), int(peak_kib) / 1024, units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--db", type=Path, help="store with the lists imported (kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = args.db or Path(folder)
        with Store(home) as store:
            if not store.current_versions():
                import_paths(store, list(NEWEST_LISTS), ImportPolicy(max_shrink=1.0))
            open_index(store)
        rng = random.Random(23)
        single, bulk = Path(folder) / "single.xml", Path(folder) / "bulk.xml"
        write_bulk(single, 0, 1, rng)
        count = write_bulk(bulk, args.megabytes, PER_BLOCK, rng)
        size = bulk.stat().st_size / 2**20
        output = Path(folder) / "results.jsonl"
        seconds, single_peak, _ = run_measured(single, home, output)
        print(f"one-transaction file: {seconds:.1f} s, peak resident {single_peak:,.0f} MiB")
        seconds, bulk_peak, units = run_measured(bulk, home, output)
        print(
            f"bulk pain.001 of {size:.1f} MiB, {count:,} transactions: {units:,} units screened "
            f"in {seconds:.1f} s ({units / seconds:,.0f} units/s); peak resident "
            f"{bulk_peak:,.0f} MiB, {bulk_peak - single_peak:+,.0f} MiB over the "
            "one-transaction run"
        )


if __name__ == "__main__":
    main()
