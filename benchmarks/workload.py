"""A screening workload: the newest copy of every reference list, and 20,000 queries.

Most queries are made-up full names from many cultures (tokens of the Wikidata
transliteration sets, which are real given names and surnames in Latin spelling), as in a
bank's customer base; a small share are listed names with a typo, reordered words or a
dropped word, so that the run also produces hits.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus import DATA, EVAL

LISTS = DATA / "lists"
NEWEST_LISTS: tuple[Path, ...] = (
    LISTS / "un" / "un_consolidated_2026-02-27.xml",
    LISTS / "ofac_sdn_2024" / "sdn_2024-05-03.csv",
    LISTS / "ofac_non_sdn" / "cons_sdnlist_format_2026-01-08.xml",
    LISTS / "uk" / "ofsi_conlist_2025-04-10.xlsx",
    LISTS / "eu" / "eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml",
    LISTS / "other" / "canada_sema_consolidated_2025-03.xml",
    LISTS / "us_csl" / "consolidated_2022.csv.gz",
    LISTS / "us_other" / "dpl_2023-11.txt",
)
"""The newest file of each list (the same set ``make run`` imports)."""


def name_tokens() -> list[str]:
    """Latin-script given names and surnames from the Wikidata transliteration sets."""
    tokens: set[str] = set()
    for file_name in ("wd_russian_20", "wd_arabic_20"):
        with (EVAL / "wikidata_transliteration" / file_name).open(encoding="utf-8") as handle:
            for line in handle:
                word = line.split("\t", 1)[0].strip()
                if word.isalpha() and len(word) > 2:
                    tokens.add(word.capitalize())
    return sorted(tokens)


def _perturb(name: str, rng: random.Random) -> str:
    words = name.split()
    choice = rng.randrange(3)
    if choice == 0 and len(words) > 1:
        rng.shuffle(words)
    elif choice == 1 and len(words) > 2:
        del words[rng.randrange(1, len(words) - 1)]
    else:
        index = rng.randrange(len(words))
        word = words[index]
        if len(word) > 3:
            at = rng.randrange(1, len(word) - 1)
            words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def screening_queries(
    count: int, listed_names: Sequence[str], listed_share: float = 0.05, seed: int = 7
) -> list[dict[str, Any]]:
    """``count`` yente-shaped Person queries, ``listed_share`` of them perturbed listed names."""
    rng = random.Random(seed)
    tokens = name_tokens()
    queries: list[dict[str, Any]] = []
    for number in range(count):
        if rng.random() < listed_share:
            name = _perturb(rng.choice(listed_names), rng)
        else:
            name = " ".join(rng.choice(tokens) for _ in range(rng.choice((2, 2, 3))))
        queries.append({"id": f"q{number}", "schema": "Person", "properties": {"name": [name]}})
    return queries
