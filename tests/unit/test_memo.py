"""The memos of parsed parameters, counts and statements hold at most their bytes,
whatever the keys: a flood of one-off long keys cannot grow them past their share."""

import sys
from datetime import date

from api.query.memo import ENTRY_OVERHEAD, MEMOS, Memo, footprint, memo_share
from api.query.params import Filter, ParseMemos
from models.resources import RESOURCES

FIGURES = RESOURCES["figures"]


def test_a_flood_of_long_one_off_keys_stays_within_the_bytes() -> None:
    memo: Memo[str, int] = Memo(1 << 20)
    peak = 0
    for n in range(2_000):
        key = f"{n}:" + "x" * 8_000
        memo.put(key, n)
        assert memo.get(key) == n
        peak = max(peak, memo.size)
        held = sum(footprint(k) + footprint(v) + ENTRY_OVERHEAD for k, v in memo.entries.items())
        assert held == memo.size
    assert peak <= 1 << 20
    assert len(memo.entries) < 2_000  # it forgot, and kept going


def test_an_entry_larger_than_the_memo_is_not_kept() -> None:
    memo: Memo[str, int] = Memo(1000)
    memo.put("y" * 2000, 1)
    assert (memo.entries, memo.size) == ({}, 0)
    memo.put("small", 2)
    assert memo.get("small") == 2


def test_a_weight_given_is_the_entry_s_cost() -> None:
    memo: Memo[str, bool] = Memo(10 * (50 + ENTRY_OVERHEAD), lambda key, value: 50)
    for n in range(10):
        memo.put(str(n), True)
    assert len(memo.entries) == 10
    memo.put("one more", True)
    assert list(memo.entries) == ["one more"]  # full: forgot them all


def test_footprint_counts_strings_and_tuples_whole() -> None:
    text = "z" * 1000
    assert footprint(text) == sys.getsizeof(text)
    pair = (text, 3)
    assert footprint(pair) == sys.getsizeof(pair) + sys.getsizeof(text) + sys.getsizeof(3)
    assert footprint(object()) == 0  # shared objects count as their pointer only


def test_the_memos_share_their_setting() -> None:
    assert memo_share(7 * 1000) * MEMOS == 7 * 1000


def test_a_filter_weighs_what_footprint_counts_of_it() -> None:
    """The filters' memo weighs an entry without footprint's walk, to the same bytes (a
    date, which footprint does not count, counted as an object of its own)."""
    values: tuple[object, ...]
    for name, values in (("unit", ("count", "CNY")), ("unit", ("x" * 300,)), ("value", (1, 2.5))):
        memos = ParseMemos(1 << 20)
        key: tuple[str | int, ...] = ("figures", 200, name, *map(str, values))
        parsed = Filter(FIGURES.by_name[name], "in", values)
        memos.filters.put(key, parsed)
        assert memos.filters.size == footprint(key) + footprint(parsed) + ENTRY_OVERHEAD
    memos = ParseMemos(1 << 20)
    start = date(2024, 1, 1)
    key = ("figures", 200, "period_start__gte", start.isoformat())
    parsed = Filter(FIGURES.by_name["period_start"], "gte", (start,))
    memos.filters.put(key, parsed)
    walked = footprint(key) + footprint(parsed)  # the date not counted
    assert memos.filters.size == walked + sys.getsizeof(start) + ENTRY_OVERHEAD
