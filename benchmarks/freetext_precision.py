"""Listed names in free text: false alerts on ordinary payment texts, recall of listed names
embedded in them, and time per text.

    .venv/bin/python benchmarks/freetext_precision.py [--texts 4000] [--listed 1500]
        [--index FILE] [--save-index FILE]

Builds the candidate index over the newest copy of every list in ``../shared/data/lists``
(one to three minutes; ``--index`` loads one saved by ``--save-index`` instead), then scans

(a) ordinary texts: remittance lines, MT 70 / 72 narratives and address lines made of
    real given names and surnames (the Wikidata transliteration sets), company names built
    from them and from business words, cities, goods and invoice words, references, dates
    and amounts; none is meant to name a listed party, so every alert counts as false
    (a few may be real coincidences: they are printed for a look);
(b) listed names of every list, each embedded in such a text, perturbed the way payment
    texts spell names: as listed, particles dropped, hyphens and spaces changed, words in
    another order ("SURNAME, Given"), one letter typo, wrapped over two lines;

and prints the false alert rate, the recall (by perturbation and by how distinctive the
listed name's words are) and the time per text (median, 99th percentile, mean; how many
texts reached the matcher).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from workload import NEWEST_LISTS, name_tokens

from watchkeeper.importing import ImportPolicy, import_paths
from watchkeeper.match.engine import Matcher
from watchkeeper.match.freetext import TextHit, TextScanner
from watchkeeper.match.index import CandidateIndex
from watchkeeper.model import NameKind, Schema
from watchkeeper.screening import open_index
from watchkeeper.store import Store
from watchkeeper.text.tokens import TokenKind
from watchkeeper.text.vocabulary import PARTICLES

BUSINESS_WORDS = (
    "LOGISTICS", "TIMBER", "TEXTILES", "HOLDINGS", "CONSTRUCTION", "AGRO", "FOODS",
    "ELECTRONICS", "PHARMA", "MOTORS", "SHIPPING", "TRAVEL", "MEDIA", "SOLUTIONS",
    "ENGINEERING", "FURNITURE", "PLASTICS", "STEEL", "MARINE", "DESIGN", "BAKERY",
    "PRINTING", "DENTAL", "CATERING", "SECURITY", "ENERGY", "CERAMICS", "CHEMICALS",
)  # fmt: skip
LEGAL_FORMS = ("LTD", "LLC", "GMBH", "SA", "SARL", "BV", "AB", "INC", "PLC", "SRL", "OY")
CITIES = (
    "LONDON", "PARIS", "FRANKFURT", "MILAN", "MADRID", "LISBON", "VIENNA", "ZURICH",
    "GENEVA", "ROTTERDAM", "HAMBURG", "WARSAW", "PRAGUE", "BUDAPEST", "ATHENS", "ISTANBUL",
    "DUBAI", "DOHA", "RIYADH", "CAIRO", "CASABLANCA", "LAGOS", "NAIROBI", "JOHANNESBURG",
    "MUMBAI", "DELHI", "KARACHI", "DHAKA", "SINGAPORE", "JAKARTA", "MANILA", "SHANGHAI",
    "SHENZHEN", "HONG KONG", "SEOUL", "TOKYO", "SYDNEY", "TORONTO", "MONTREAL", "NEW YORK",
    "CHICAGO", "HOUSTON", "MIAMI", "MEXICO CITY", "BOGOTA", "LIMA", "SANTIAGO", "SAO PAULO",
    "BUENOS AIRES", "ALMATY", "TASHKENT", "BAKU", "TBILISI", "YEREVAN", "KYIV", "VILNIUS",
)  # fmt: skip
GOODS = (
    "STEEL PIPES", "CEMENT", "COTTON FABRIC", "COFFEE BEANS", "SPARE PARTS", "OFFICE FURNITURE",
    "LAPTOPS", "MEDICAL SUPPLIES", "FERTILIZER", "OLIVE OIL", "FROZEN FISH", "AUTO PARTS",
    "PACKAGING MATERIAL", "SOLAR PANELS", "TEA", "RICE", "TILES", "PAPER ROLLS", "TYRES",
    "GENERATORS", "PUMPS", "SHOES", "GARMENTS", "TOYS", "COSMETICS", "WINE", "MACHINE TOOLS",
)  # fmt: skip
STREETS = (
    "HIGH STREET", "MAIN STREET", "STATION ROAD", "CHURCH LANE", "PARK AVENUE", "RUE DE LA PAIX",
    "HAUPTSTRASSE", "VIA ROMA", "CALLE MAYOR", "KING STREET", "MARKET SQUARE", "HARBOUR ROAD",
)  # fmt: skip
PURPOSES = (
    "SALARY", "RENT", "SCHOOL FEES", "CONSULTING FEES", "LOAN REPAYMENT", "INSURANCE PREMIUM",
    "FAMILY SUPPORT", "GIFT", "TUITION", "DIVIDEND", "FREIGHT CHARGES", "MAINTENANCE",
)  # fmt: skip

ORDINARY_TEMPLATES = (
    "INV {ref} {goods} FOR {company}",
    "/INV/{ref} {goods} {date}",
    "/BNF/PAYMENT TO {person} {purpose}",
    "/RFB/{ref} {purpose} {month} {year}",
    "{purpose} {month} {year} {person}",
    "PAYMENT OF INVOICE {ref} {company} {city}",
    "/ROC/{ref} {goods} SHIPPED TO {city} ON MV {vessel}",
    "{company} {street} {number} {city}",
    "{number} {street}",
    "{city} {postcode}",
    "C/O {person} {street} {number}",
    "/INS/{company}\n//{city}",
    "{purpose} FOR {person} AND {person}",
    "REF {ref} {currency} {amount} {goods} CONTRACT {ref}",
    "ORDER {ref} {goods} {company} {city}",
    "{person} {purpose} {date}",
)
LISTED_TEMPLATES = (
    "INV {ref} SUPPLIES FOR {name} {city}",
    "/BNF/PAYMENT TO {name} FAMILY",
    "DONATION {name} REF {ref}",
    "{goods} FOR {name} VIA {city}",
    "C/O {name} {street} {number}",
    "/RFB/{ref} {purpose} {name}",
    "{name}",
)
CURRENCIES = ("USD", "EUR", "GBP", "CHF", "AED")
MONTHS = ("JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPT")
VESSELS = ("NORDIC STAR", "BALTIC TRADER", "OCEAN PEARL", "MAERSK KOLKATA", "CAPE SPIRIT")
PERTURBATIONS = ("as listed", "particles dropped", "hyphens", "reordered", "typo", "wrapped")


class Texts:
    """Random parts of payment texts."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = [token.upper() for token in name_tokens()]

    def person(self) -> str:
        return " ".join(self.rng.choice(self.names) for _ in range(self.rng.choice((2, 2, 3))))

    def company(self) -> str:
        rng = self.rng
        words = [rng.choice(self.names), rng.choice(BUSINESS_WORDS)]
        if rng.random() < 0.4:
            words.insert(1, rng.choice(BUSINESS_WORDS))
        return " ".join([*words, rng.choice(LEGAL_FORMS)])

    def fill(self, template: str, **given: str) -> tuple[str, int]:
        """The template filled in, and where ``{name}`` (if given) starts in it."""
        rng = self.rng
        parts = {
            "ref": lambda: str(rng.randrange(1000, 99_999_999)),
            "goods": lambda: rng.choice(GOODS),
            "company": self.company,
            "person": self.person,
            "purpose": lambda: rng.choice(PURPOSES),
            "month": lambda: rng.choice(MONTHS),
            "year": lambda: str(rng.randrange(2019, 2027)),
            "date": lambda: f"{rng.randrange(1, 29):02}.{rng.randrange(1, 13):02}.2025",
            "city": lambda: rng.choice(CITIES),
            "vessel": lambda: rng.choice(VESSELS),
            "street": lambda: rng.choice(STREETS),
            "number": lambda: str(rng.randrange(1, 300)),
            "postcode": lambda: f"{rng.randrange(10_000, 99_999)}",
            "currency": lambda: rng.choice(CURRENCIES),
            "amount": lambda: f"{rng.randrange(100, 999_999)},{rng.randrange(100):02}",
        }
        text, at = "", -1
        for literal, field in _fields(template):
            text += literal
            if field == "name":
                at = len(text)
                text += given["name"]
            elif field:
                text += parts[field]()
        return text, at


def _fields(template: str) -> list[tuple[str, str]]:
    """(literal text, field name) pieces of a ``{field}`` template."""
    pieces = []
    rest = template
    while "{" in rest:
        literal, _, after = rest.partition("{")
        field, _, rest = after.partition("}")
        pieces.append((literal, field))
    pieces.append((rest, ""))
    return pieces


def perturb(name: str, how: str, person: bool, rng: random.Random) -> str:
    """``name`` spelled another way (unchanged when the way does not apply)."""
    words = name.upper().split()
    if how == "particles dropped":
        kept = []
        for word in words:
            parts = word.split("-")
            kept.append("-".join(p for p in parts if p.lower() not in PARTICLES) or word)
        return " ".join(w for w in kept if w.lower() not in PARTICLES) or name.upper()
    if how == "hyphens":
        joined = " ".join(words)
        return joined.replace("-", " ") if "-" in joined else joined.replace(" ", "-", 1)
    if how == "reordered" and person and len(words) > 1:
        return f"{words[-1]}, {' '.join(words[:-1])}"
    if how == "typo":
        index = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[index]
        if len(word) > 4:
            at = rng.randrange(1, len(word) - 2)
            words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        return " ".join(words)
    if how == "wrapped" and len(words) > 1:
        cut = rng.randrange(1, len(words))
        return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Embedded:
    text: str
    start: int
    end: int
    entity: int
    perturbation: str
    distinctive: int
    """Distinctive words of the listed name (see the scanner's rules)."""


def listed_samples(
    index: CandidateIndex, scanner: TextScanner, count: int, texts: Texts
) -> list[Embedded]:
    """``count`` Latin-script listed names (not weak aliases) of random entities of every
    list, each perturbed one way and embedded in a payment text."""
    rng = texts.rng
    by_list: dict[str, list[int]] = {}
    for position in range(len(index)):
        by_list.setdefault(index.entity(position).list_name, []).append(position)
    samples: list[Embedded] = []
    lists = sorted(by_list)
    while len(samples) < count:
        position = rng.choice(by_list[lists[len(samples) % len(lists)]])
        entity = index.entity(position)
        names = [
            n
            for n in entity.names
            if n.kind is not NameKind.WEAK_ALIAS and n.full.isascii() and len(n.full) < 60
        ]
        if not names:
            continue
        name = rng.choice(names).full
        how = PERTURBATIONS[len(samples) % len(PERTURBATIONS)]
        written = perturb(name, how, entity.schema is Schema.PERSON, rng)
        template = rng.choice(LISTED_TEMPLATES)
        text, at = texts.fill(template, name=written)
        prepared = index.prepare_query(name)
        distinctive = sum(
            1
            for token in prepared.tokens
            if token.kind is TokenKind.WORD and scanner.listed.is_distinctive(token)
        )
        samples.append(Embedded(text, at, at + len(written), position, how, distinctive))
    return samples


def timed(scanner: TextScanner, texts: list[str]) -> tuple[list[list[TextHit]], list[float]]:
    results, seconds = [], []
    for text in texts:
        started = time.perf_counter()
        results.append(scanner.scan(text))
        seconds.append(time.perf_counter() - started)
    return results, seconds


def time_line(label: str, seconds: list[float], reached: int) -> str:
    ordered = sorted(seconds)
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[int(len(ordered) * 0.99)] * 1000
    mean = statistics.fmean(seconds) * 1000
    share = reached / len(seconds)
    return (
        f"{label}: median {p50:.3f} ms, p99 {p99:.2f} ms, mean {mean:.3f} ms per text; "
        f"{share:.1%} of texts reached the matcher"
    )


def build_index(save: Path | None) -> CandidateIndex:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder)) as store:
        import_paths(store, list(NEWEST_LISTS), ImportPolicy(max_shrink=1.0))
        started = time.perf_counter()
        index = open_index(store)
        print(f"index over every list built in {time.perf_counter() - started:.0f} s")
    if save is not None:
        index.save(save)
    return index


def _overlaps(hit: TextHit, sample: Embedded) -> bool:
    return hit.start < sample.end and sample.start < hit.end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=4000)
    parser.add_argument("--listed", type=int, default=1500)
    parser.add_argument("--index", type=Path, help="load this saved index instead of building")
    parser.add_argument("--save-index", type=Path, help="save the index built here")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    index = CandidateIndex.load(args.index) if args.index else build_index(args.save_index)
    print(f"{len(index):,} entities, {index.name_count:,} names")
    started = time.perf_counter()
    scanner = TextScanner(Matcher(index))
    print(f"text scanner built in {time.perf_counter() - started:.1f} s")
    texts = Texts(args.seed)

    ordinary = [texts.fill(texts.rng.choice(ORDINARY_TEMPLATES))[0] for _ in range(args.texts)]
    reached = sum(1 for text in ordinary if scanner.windows(text))
    results, seconds = timed(scanner, ordinary)
    alerted = [(text, hits) for text, hits in zip(ordinary, results, strict=True) if hits]
    print(f"\n(a) {len(ordinary):,} ordinary texts (threshold {scanner.threshold}):")
    print(f"false alert rate {len(alerted) / len(ordinary):.2%} ({len(alerted)} texts)")
    print(time_line("time", seconds, reached))
    for text, hits in alerted[:15]:
        best = hits[0]
        listed = index.entity(best.entity)
        print(f"  {text!r}: {best.window!r} ~ {listed.id} {listed.caption!r} {best.score:.2f}")

    samples = listed_samples(index, scanner, args.listed, texts)
    results, seconds = timed(scanner, [sample.text for sample in samples])
    reached = sum(1 for s in samples if scanner.windows(s.text))
    misses: dict[str, list[str]] = {}
    found_by: Counter[tuple[str, str]] = Counter()
    total_by: Counter[tuple[str, str]] = Counter()
    for sample, hits in zip(samples, results, strict=True):
        found = any(hit.entity == sample.entity and _overlaps(hit, sample) for hit in hits)
        if not found:
            misses.setdefault(sample.perturbation, []).append(sample.text)
        strength = "2+ distinctive words" if sample.distinctive >= 2 else "fewer"
        for key in ((sample.perturbation, "all"), ("all", strength), ("all", "all")):
            total_by[key] += 1
            found_by[key] += found
    print(f"\n(b) {len(samples):,} listed names of every list embedded in texts:")

    def recall(key: tuple[str, str]) -> str:
        return f"{found_by[key] / total_by[key]:.1%} of {total_by[key]}"

    print(f"recall {recall(('all', 'all'))}")
    for strength in ("2+ distinctive words", "fewer"):
        print(f"  listed names with {strength}: {recall(('all', strength))}")
    for how in PERTURBATIONS:
        print(f"  {how}: {recall((how, 'all'))}, e.g. missed {misses.get(how, [])[:3]}")
    print(time_line("time", seconds, reached))


if __name__ == "__main__":
    main()
