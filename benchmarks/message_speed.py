"""Message screening speed with every list loaded: pacs.008 messages/s, a 500-passenger PAXLST.

    .venv/bin/python benchmarks/message_speed.py [--messages 2000] [--runs 3] [--db DIR]

Generates pacs.008 messages from a real CBPR+ sample (``cbpr_p.2.1.1_pacs008_AtoB.xml``),
each with a made-up debtor, creditor and remittance line (2% of them naming a listed party),
and a PAXLST of 500 passengers in the structure of a real US CBP sample.  Prints, each the
median of ``--runs`` runs on new messages each time: parse + screen of every party, free
text and country in one process on one core, the same through the whole ``watchkeeper
screen-message`` command on both cores (start-up and index load included, and after
start-up: less the time of the command on one message; target >= 1,000 messages/s), and
the 500-passenger manifest in process and through the command (target < 1 s).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

from corpus import DATA
from workload import NEWEST_LISTS, name_tokens

from watchkeeper.cli.messages import UNITS_PER_TASK
from watchkeeper.importing import ImportPolicy, import_paths
from watchkeeper.message_screening import MessageScreener
from watchkeeper.messages.reader import read_message_file
from watchkeeper.messages.units import MessageFormatError
from watchkeeper.parallel import forked_map
from watchkeeper.screening import open_index
from watchkeeper.store import Store

WATCHKEEPER = Path(sys.executable).with_name("watchkeeper")
PACS008_SAMPLE = DATA / "formats" / "pacs.008" / "cbpr_p.2.1.1_pacs008_AtoB.xml"
LISTED_SHARE = 0.02
INVOICE_WORDS = (
    "INVOICE", "INV", "PAYMENT", "ORDER", "SUPPLIES", "SERVICES", "RENT", "SALARY",
    "CONSULTING", "FREIGHT", "SPARE PARTS", "OFFICE", "MARCH", "Q3", "CONTRACT", "REF",
)  # fmt: skip


def _pacs008(template: str, debtor: str, creditor: str, remittance: str) -> str:
    """The sample with other debtor and creditor names and a remittance line."""
    text = template.replace("<Nm>C Consumer</Nm>", f"<Nm>{escape(debtor)}</Nm>")
    text = text.replace("<Nm>Evli</Nm>", f"<Nm>{escape(creditor)}</Nm>")
    ustrd = f"<RmtInf><Ustrd>{escape(remittance)}</Ustrd></RmtInf>"
    return text.replace("</CdtTrfTxInf>", f"{ustrd}</CdtTrfTxInf>")


def write_payments(folder: Path, count: int, listed: list[str], rng: random.Random) -> list[Path]:
    """``count`` pacs.008 files in ``folder``; a share of debtors, creditors or remittance
    lines listed."""
    folder.mkdir()
    template = PACS008_SAMPLE.read_text(encoding="utf-8")
    tokens = name_tokens()
    paths = []
    for number in range(count):
        names = [" ".join(rng.choice(tokens) for _ in range(rng.choice((2, 3)))) for _ in "dc"]
        words = " ".join(rng.choice(INVOICE_WORDS) for _ in range(3))
        remittance = f"{words} {rng.randrange(1000, 99999)}"
        if rng.random() < LISTED_SHARE:
            where = rng.randrange(3)
            if where == 2:
                remittance = f"PAYMENT TO {rng.choice(listed)} {remittance}"
            else:
                names[where] = rng.choice(listed)
        path = folder / f"pacs008_{number:05d}.xml"
        path.write_text(_pacs008(template, names[0], names[1], remittance), encoding="utf-8")
        paths.append(path)
    return paths


def write_manifest(path: Path, passengers: int, rng: random.Random) -> None:
    """A D05B PAXLST of one flight with ``passengers`` passengers."""
    tokens = [token.upper() for token in name_tokens()]
    countries = ("FRA", "DEU", "ESP", "USA", "GBR", "ITA", "NLD", "TUR", "EGY", "IND")
    segments = [
        "UNA:+.? '",
        "UNB+UNOA:4+APIS*ABE+USADHS+080708:0545+1++USADHS'",
        "UNG+PAXLST+XYZ AIRLINES+USADHS+080708:0545+1+UN+D:05B'",
        "UNH+1+PAXLST:D:05B:UN:IATA'",
        "BGM+745'",
        "NAD+MS+++DOTTIE MOODY'",
        "TDT+20+QQ877+++QQ'",
        "LOC+125+MIA'",
        "DTM+189:0807101500:201'",
        "LOC+87+CDG'",
        "DTM+232:0807110630:201'",
    ]
    for number in range(passengers):
        country = rng.choice(countries)
        segments += [
            f"NAD+FL+++{rng.choice(tokens)}:{rng.choice(tokens)} {rng.choice(tokens)}'",
            f"ATT+2++{rng.choice('MF')}'",
            f"DTM+329:{rng.randrange(40, 99)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}'",
            f"NAT+2+{country}'",
            f"DOC+P:110:111+P{number:08d}'",
            "DTM+36:301230'",
            f"LOC+91+{country}'",
        ]
    segments.append(f"CNT+42:{passengers}'")
    body_count = len(segments) - 3  # UNH to UNT, without UNA, UNB, UNG
    segments += [f"UNT+{body_count + 1}+1'", "UNE+1+1'", "UNZ+1+1'"]
    path.write_text("\n".join(segments) + "\n", encoding="utf-8")


def screen_files(screener: MessageScreener, paths: list[Path]) -> Counter[str]:
    """Decisions of every unit of ``paths`` (and "error" for what could not be read),
    screened in batches of units as the command screens them with ``--workers 1``."""
    decisions: Counter[str] = Counter()
    units = []
    for path in paths:
        for item in read_message_file(path):
            if isinstance(item, MessageFormatError):
                decisions["error"] += 1
            else:
                units.append(item)
    tasks = [
        units[start : start + UNITS_PER_TASK] for start in range(0, len(units), UNITS_PER_TASK)
    ]
    for results in forked_map(MessageScreener.screen_units, screener, tasks, workers=1):
        decisions.update(result.decision for result in results)
    return decisions


def _timed_cli(paths: list[Path], home: Path) -> float:
    """Seconds the whole ``screen-message`` command takes on ``paths``."""
    started = time.perf_counter()
    command = [str(WATCHKEEPER), "screen-message", *map(str, paths), "--db", str(home)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 3, 5):
        raise SystemExit(f"screen-message failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="store with the lists imported (kept)")
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        home = args.db or Path(folder)
        with Store(home) as store:
            if not store.current_versions():
                import_paths(store, list(NEWEST_LISTS), ImportPolicy(max_shrink=1.0))
            index = open_index(store)
        print(f"index: {len(index):,} listed entities, {index.name_count:,} names")
        screener = MessageScreener(index)
        listed = [index.entity(p).caption for p in range(0, len(index), 13)]
        warm_up = write_payments(Path(folder) / "warm-up", 50, listed, rng)
        screen_files(screener, warm_up)  # first use: word table of the free-text scan, BICs
        batches = [
            write_payments(Path(folder) / f"run{run}", args.messages, listed, rng)
            for run in range(args.runs)
        ]
        decisions: Counter[str] = Counter()
        seconds = []
        for batch in batches:  # new names every run: nothing is remembered from the last
            started = time.perf_counter()
            decisions += screen_files(screener, batch)
            seconds.append(time.perf_counter() - started)
        rate = args.messages / statistics.median(seconds)
        print(
            f"pacs.008 in process: {args.messages:,} messages a run, {args.runs} runs, decisions "
            f"{dict(decisions)}: median {statistics.median(seconds):.2f} s = {rate:,.0f} "
            "messages/s on one core"
        )
        start_up = statistics.median(_timed_cli(batch[:1], home) for batch in batches)
        cli_seconds = statistics.median(_timed_cli(batch, home) for batch in batches)
        print(
            f"pacs.008 through `watchkeeper screen-message` (both cores): one message "
            f"{start_up:.2f} s (start-up, index load); {args.messages:,} messages "
            f"{cli_seconds:.2f} s = {args.messages / cli_seconds:,.0f} messages/s end to end, "
            f"{(args.messages - 1) / (cli_seconds - start_up):,.0f} messages/s after start-up "
            "(target >= 1,000)"
        )
        manifests = []
        for run in range(args.runs):
            manifest = Path(folder) / f"paxlst_500_{run}.edi"
            write_manifest(manifest, 500, rng)
            manifests.append(manifest)
        pax_seconds = []
        units: Counter[str] = Counter()
        for manifest in manifests:
            started = time.perf_counter()
            units += screen_files(screener, [manifest])
            pax_seconds.append(time.perf_counter() - started)
        print(
            f"PAXLST of 500 passengers in process, {args.runs} manifests: decisions "
            f"{dict(units)}: median {statistics.median(pax_seconds):.3f} s (target < 1 s)"
        )
        pax_cli = statistics.median(_timed_cli([manifest], home) for manifest in manifests)
        print(
            f"same through `watchkeeper screen-message` (both cores): median {pax_cli:.2f} s, "
            f"{pax_cli - start_up:.2f} s after start-up"
        )


if __name__ == "__main__":
    main()
