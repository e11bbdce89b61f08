"""Seeds are the articles byte for byte: a changed seed fails here and in validation."""

import hashlib

import pytest

from support import SEEDS_DIR

# The project's own copy of the sha256 of each article as received (computed on shared/seeds when the articles were
# copied in); a seed is never edited, so equal checksums mean the same bytes as the originals.
SEED_SHA256 = {
    "000_e9159bd5021d9d07.txt": "07a5a6fdd015a1f31f711eaf0555c633413ca2e60ecee1f0cbe96d40b18f563c",
    "001_d8662fb1d9793195.txt": "0077abaaab3b160d39255d48fd36c75944121a59f24ad0067320c2d896a19892",
    "002_da298b88a00be599.txt": "5c2f23eb269d88fc8a1e793642beab6ec69bb48f4a905ed92fd5cbfa497bf199",
    "003_4b1853ef8ef5b8ee.txt": "be285f65a2e090d654f0d4155b12ac80f77a4f138c0a6df82420e5ed6ac5d3b1",
    "004_91f102796c06dee5.txt": "ad105f5476fa7c8948efdfc5415c845ff86ac558e5203e4ee8b001878e2ab093",
}


def test_seed_folder_holds_exactly_the_five_articles():
    assert sorted(path.name for path in SEEDS_DIR.iterdir()) == sorted(SEED_SHA256)


@pytest.mark.parametrize("name", sorted(SEED_SHA256))
def test_seed_bytes_unchanged(name):
    assert hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest() == SEED_SHA256[name]


def test_sources_table_records_each_checksum(dataset):
    assert dict(zip(dataset.sources["seed_file"], dataset.sources["sha256"], strict=True)) == SEED_SHA256
