"""UUIDv7 ids, hybrid logical clocks and version vectors."""

import random
import uuid

from hypothesis import given
from hypothesis import strategies as st

from gunmane_desktop.core import versions
from gunmane_desktop.core.ids import UUID7Generator, is_uuid7, new_id, uuid7_millis
from gunmane_desktop.core.versions import HLCStamp, HybridLogicalClock, Order


def test_new_ids_are_uuid7_and_time_ordered():
    ids = [new_id() for _ in range(5000)]
    assert all(is_uuid7(i) for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_seeded_generator_is_reproducible_and_embeds_its_clock():
    def make():
        return UUID7Generator(clock=lambda: 1_700_000_000_000, rng=random.Random(7))
    a, b = make(), make()
    first = [a() for _ in range(10_000)]  # more than 4096 in one millisecond
    assert first == [b() for _ in range(10_000)]
    assert first == sorted(first)
    assert uuid7_millis(first[0]) == 1_700_000_000_000
    assert uuid.UUID(first[-1]).variant == uuid.RFC_4122


def test_hlc_never_goes_backwards_even_if_the_wall_clock_does():
    wall = iter([1000, 900, 900, 800])
    clock = HybridLogicalClock("011002", wall=lambda: next(wall))
    stamps = [clock.now() for _ in range(4)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 4


def test_hlc_absorbs_a_remote_clock_ahead_of_ours():
    clock = HybridLogicalClock("011002", wall=lambda: 1000)
    clock.observe(HLCStamp(5000, 3, "131016"))
    assert clock.now() > HLCStamp(5000, 3, "131016")


def test_hlc_text_sorts_like_the_stamp():
    a, b = HLCStamp(999, 15, "X"), HLCStamp(1000, 0, "A")
    assert str(a) < str(b)
    assert HLCStamp.parse(str(a)) == a


def test_version_vector_order():
    assert versions.compare({"a": 1}, {"a": 1}) is Order.EQUAL
    assert versions.compare({"a": 1}, {"a": 2}) is Order.BEFORE
    assert versions.compare({"a": 2, "b": 1}, {"a": 2}) is Order.AFTER
    assert versions.compare({"a": 2}, {"a": 1, "b": 1}) is Order.CONCURRENT


vectors = st.dictionaries(st.sampled_from(["011002", "131016", "010006", "X0"]),
                          st.integers(0, 5), max_size=4)


@given(vectors, vectors)
def test_merge_dominates_both_sides(a, b):
    m = versions.merge(a, b)
    assert versions.compare(a, m) in (Order.BEFORE, Order.EQUAL)
    assert versions.compare(b, m) in (Order.BEFORE, Order.EQUAL)


@given(vectors)
def test_bump_is_a_fast_forward_and_text_is_canonical(v):
    assert versions.compare(v, versions.bump(v, "011002")) is Order.BEFORE
    assert versions.loads(versions.dumps(v)) == v
    assert versions.dumps(v) == versions.dumps(dict(reversed(list(v.items()))))
