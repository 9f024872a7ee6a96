"""The engine's memory of rendered documents: bounded by its budget, oldest out first."""

from api.query.memo import Documents


def test_documents_stay_within_their_budget() -> None:
    overhead = Documents.ENTRY_OVERHEAD
    documents = Documents(max_bytes=3 * (100 + overhead))
    documents.put({1: b"a" * 100, 2: b"b" * 100})
    documents.put({2: b"b" * 100})  # already held: not counted twice
    assert documents.size == 2 * (100 + overhead)
    documents.put({3: b"c" * 100, 4: b"d" * 100})
    assert list(documents.entries) == [2, 3, 4]  # the oldest went first
    assert documents.size == 3 * (100 + overhead)
    assert documents.entries.get(1) is None
    assert documents.entries.get(4) == b"d" * 100
    documents.put({5: b"e" * 1000})  # larger than the whole budget: nothing is kept
    assert (list(documents.entries), documents.size) == ([], 0)
    nothing = Documents(max_bytes=0)
    nothing.put({1: b"a"})
    assert (list(nothing.entries), nothing.size) == ([], 0)
