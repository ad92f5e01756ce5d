"""Same seed, same bytes of content; another seed, another region."""

from demo_helpers import content_hash

from gunmane_desktop.demo import generate_region


def test_the_same_seed_gives_identical_content(tmp_path):
    # Given two runs with the same seed, at different times
    generate_region(tmp_path / "a.gunmane", seed=7)
    generate_region(tmp_path / "b.gunmane", seed=7)
    # Then every table holds the same rows, ids and stamps included
    assert content_hash(tmp_path / "a.gunmane") == content_hash(tmp_path / "b.gunmane")


def test_another_seed_gives_another_region(tmp_path):
    generate_region(tmp_path / "a.gunmane", seed=7)
    generate_region(tmp_path / "b.gunmane", seed=8)
    assert content_hash(tmp_path / "a.gunmane") != content_hash(tmp_path / "b.gunmane")


def test_scale_mode_is_deterministic_too(tmp_path):
    for name in ("a", "b"):
        generate_region(tmp_path / f"{name}.gunmane", towns=2, assets_per_town=150, seed=3)
    assert content_hash(tmp_path / "a.gunmane") == content_hash(tmp_path / "b.gunmane")
