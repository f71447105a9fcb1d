"""The raw pages in seeds/ are exactly the pages received: checked against recorded sha256 sums."""

import hashlib

from conftest import REPO

SUMS = REPO / "tests" / "data" / "seeds.sha256"
RECEIVED = REPO.parent / "shared" / "seeds"


def recorded_sums() -> dict[str, str]:
    pairs = (line.split() for line in SUMS.read_text().splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def test_every_seed_matches_its_recorded_sum():
    sums = recorded_sums()
    present = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert present == sorted(sums), "seeds/ holds other pages than tests/data/seeds.sha256 lists"
    for name, digest in sums.items():
        actual = hashlib.sha256((REPO / "seeds" / name).read_bytes()).hexdigest()
        assert actual == digest, f"seeds/{name} was changed: raw pages must never be edited"


def test_seeds_are_byte_identical_to_the_pages_received():
    if not RECEIVED.is_dir():
        return  # outside the workplace there is no shared/ folder; the sums above still hold
    for page in RECEIVED.iterdir():
        assert (REPO / "seeds" / page.name).read_bytes() == page.read_bytes(), page.name
