"""Media shards: ``K/N`` is read strictly and the shards split the entries without overlap."""

from __future__ import annotations

import pytest

from etalase.media.shard import Shard


def test_shard_is_read_from_k_slash_n() -> None:
    assert Shard.parse("2/4") == Shard(2, 4)
    assert Shard.parse(" 1 / 1 ") == Shard(1, 1)


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2", ""])
def test_a_shard_outside_one_to_n_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Shard.parse(text)


def test_every_entry_belongs_to_exactly_one_shard_and_the_split_is_even() -> None:
    keys = [f"sdn-{s}-blora/entri-{n}" for s in range(40) for n in range(25)]
    shards = [Shard(k, 4) for k in range(1, 5)]
    owners = [[s.index for s in shards if s.holds(key)] for key in keys]
    assert all(len(o) == 1 for o in owners)
    sizes = [sum(o == [k] for o in owners) for k in range(1, 5)]
    assert min(sizes) > 200 and max(sizes) < 300  # 1,000 keys, about 250 each


def test_an_entry_keeps_its_shard_whatever_else_is_in_the_catalogue() -> None:
    assert Shard(1, 2).holds("sdn-1-blora/dakon")
    assert not Shard(2, 2).holds("sdn-1-blora/dakon")
    assert Shard(2, 2).holds("sdn-1-blora/tegak")
    assert Shard(1, 2).manifest_name == "manifest.shard-1-of-2.json"
