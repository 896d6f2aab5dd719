"""Perturbed list entries: how often a listed person or organisation is found when its name
is written with a typo, a word dropped or joined, its words turned around, a common given
name respelled, or cut short by a field of 35 characters.

    .venv/bin/python benchmarks/perturbed.py [--entities 2500] [--examples 5] [--db DIR]

The primary names of a sample of the listed persons and organisations of every list in
``../shared/data/lists`` (fixed seed) are each changed in one way and screened, with nothing
but the name and the schema, against all the lists together (the current version of each,
imported into a temporary store, or ``--db DIR`` kept and reused).  Printed: by change and
schema, the share whose entry is among the hits at the default threshold (the first 100),
and a few misses.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from candidate_recall import current_entities

from watchkeeper.model import Entity, Query, Schema
from watchkeeper.screening import Screener, open_index
from watchkeeper.store import Store

SEED = 3
FIELD_WIDTH = 35
"""Characters of a SWIFT MT or EDIFACT line, where systems cut longer names."""
HITS_LOOKED_AT = 100
"""Hits looked at for the entry: a name listed by several lists, or as an alias of several
entries, scores the same against each, so the default limit of 10 may leave it out."""
SCHEMAS = (Schema.PERSON, Schema.ORGANIZATION)
RESPELLINGS = (
    "mohammed muhammad mohamed mohammad muhammed mohamad mohd",
    "ahmed ahmad achmad",
    "abdullah abdulla abdallah abdalla abdollah",
    "hussein husain hussain husayn hossein",
    "hassan hasan",
    "yusuf yousef youssef yusef yousuf",
    "ibrahim ebrahim ibraheem",
    "mustafa mostafa moustafa mustapha",
    "khaled khalid",
    "omar umar omer",
    "osama usama usamah",
    "abdelrahman abdulrahman abdurrahman abderrahmane",
    "abdelaziz abdulaziz",
    "suleiman sulaiman sulayman suleyman",
    "mahmoud mahmud mahmood",
    "jamal gamal djamal",
    "faisal faysal feisal",
    "qasim kasim qassem",
    "nasser nasir naser",
    "rashid rasheed rachid",
    "walid waleed",
    "tariq tarek tarik",
    "haji hajji hadji",
    "sheikh shaykh shaikh cheikh",
)
"""Spellings of common given names and titles of the Arabic-speaking and Muslim world, as
other governments, banks and airlines write them."""
_RESPELT = {
    spelling: [other for other in group.split() if other != spelling]
    for group in RESPELLINGS
    for spelling in group.split()
}

Change = Callable[[list[str], random.Random], list[str] | None]


def _typo(word: str, rng: random.Random) -> str:
    """One letter deleted, inserted, replaced, or swapped with the next (not the first)."""
    at = rng.randrange(1, len(word) - 1)
    letter = rng.choice("aeioulnrst")
    return rng.choice(
        (
            word[:at] + word[at + 1 :],
            word[:at] + letter + word[at:],
            word[:at] + letter + word[at + 1 :],
            word[:at] + word[at + 1] + word[at] + word[at + 2 :],
        )
    )


def typo(words: list[str], rng: random.Random) -> list[str] | None:
    """A typo in one word of five letters or more."""
    return _typos(words, rng, 1)


def two_typos(words: list[str], rng: random.Random) -> list[str] | None:
    """A typo in each of two words of five letters or more."""
    return _typos(words, rng, 2)


def _typos(words: list[str], rng: random.Random, count: int) -> list[str] | None:
    """A typo in each of ``count`` words of five letters or more (None: too few)."""
    long = [position for position, word in enumerate(words) if len(word) >= 5]
    if len(long) < count:
        return None
    changed = list(words)
    for position in rng.sample(long, count):
        changed[position] = _typo(changed[position], rng)
    return changed


def dropped(words: list[str], rng: random.Random) -> list[str] | None:
    """A word other than the first and last left out (names of three words or more)."""
    if len(words) < 3:
        return None
    position = rng.randrange(1, len(words) - 1)
    return words[:position] + words[position + 1 :]


def joined(words: list[str], rng: random.Random) -> list[str] | None:
    """Two adjacent words written as one."""
    if len(words) < 2:
        return None
    position = rng.randrange(len(words) - 1)
    return [*words[:position], words[position] + words[position + 1], *words[position + 2 :]]


def turned(words: list[str], rng: random.Random) -> list[str] | None:
    """The words in the opposite order, without the comma of "SURNAME, Given"."""
    bare = [word.strip(",") for word in words]
    return bare[::-1] if len(bare) > 1 else None


def cut_short(words: list[str], rng: random.Random) -> list[str] | None:
    """The name cut after :data:`FIELD_WIDTH` characters, as a message field cuts a longer
    one (names longer than that)."""
    text = " ".join(words)
    return text[:FIELD_WIDTH].split() if len(text) > FIELD_WIDTH else None


def respelled(words: list[str], rng: random.Random) -> list[str] | None:
    """One common given name or title respelled (:data:`RESPELLINGS`)."""
    known = [position for position, word in enumerate(words) if word.lower().strip(",") in _RESPELT]
    if not known:
        return None
    position = rng.choice(known)
    word = words[position]
    other = rng.choice(_RESPELT[word.lower().strip(",")])
    other = other.upper() if word.isupper() else other.capitalize()
    return [*words[:position], other + ("," if word.endswith(",") else ""), *words[position + 1 :]]


CHANGES: dict[str, Change] = {
    "typo": typo,
    "two typos": two_typos,
    "word dropped": dropped,
    "words joined": joined,
    "order turned": turned,
    "respelled": respelled,
    "cut short": cut_short,
}


def report(entities: list[Entity], screener: Screener, size: int, examples: int) -> None:
    """Screen the changed names of a sample of ``size`` entities; print what was found."""
    rng = random.Random(SEED)
    listed = [entity for entity in entities if entity.schema in SCHEMAS]
    sample = rng.sample(listed, min(size, len(listed)))
    cases: list[tuple[str, Entity, str]] = []
    for entity in sample:
        words = entity.names[0].full.split()
        for name, change in CHANGES.items():
            changed = change(words, rng)
            if changed is not None:
                cases.append((name, entity, " ".join(changed)))
    queries = [
        Query(f"q{number}", [text], entity.schema) for number, (_, entity, text) in enumerate(cases)
    ]
    found: Counter[tuple[str, Schema]] = Counter()
    total: Counter[tuple[str, Schema]] = Counter()
    misses: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    results = screener.screen_many(queries, limit=HITS_LOOKED_AT)
    for (name, entity, text), hits in zip(cases, results, strict=True):
        total[name, entity.schema] += 1
        if any(hit.entity.id == entity.id for hit in hits):
            found[name, entity.schema] += 1
        else:
            misses[name].append((text, entity.names[0].full))
    print(f"{len(sample)} listed entities sampled, {len(cases)} changed names screened")
    for name in CHANGES:
        shares = []
        for schema in SCHEMAS:
            count = total[name, schema]
            if count:
                share = found[name, schema] / count
                shares.append(f"{schema.value} {share:.1%} ({found[name, schema]} of {count})")
        print(f"  {name:13s} " + "; ".join(shares))
        for text, listed_name in misses[name][:examples]:
            print(f"      miss {text!r} ~ {listed_name!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=2500, help="listed entities sampled")
    parser.add_argument("--examples", type=int, default=5, help="misses to print per change")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = args.db or Path(scratch) / "home"
        entities, _ = current_entities(home)
        report(entities, Screener(open_index(Store(home))), args.entities, args.examples)


if __name__ == "__main__":
    main()
