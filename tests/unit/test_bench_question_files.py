"""The benchmarks' questions are data: the shipped ones, another file, a bad file refused.
That the API answers every one of them is in tests/api/test_bench_questions.py."""

from pathlib import Path

import pytest

from bench.queries import Query, encoded, load, questions


def test_the_shipped_questions() -> None:
    keys = [q.key for q in questions()]
    assert keys == [
        "collection",
        "collection_new",
        "filtered",
        "filtered_new",
        "record",
        "search",
        "search_new",
        "revalidate",
    ]
    search = next(q for q in questions() if q.key == "search_new")
    assert search == Query(
        key="search_new",
        label="search, first-time (no hits)",
        api="/v1/search?q=nohit{N}",
        datasette="/circle/search_entries.json?_where=name_folded%20like%20%27%25nohit{N}%25%27"
        "%20or%20body_folded%20like%20%27%25nohit{N}%25%27",
        first_time=True,
    )


def test_questions_from_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[question]]\nkey = "kv"\nlabel = "kV lines"\n'
        'api = "/v1/figures?unit=kV&q=line 500"\ndatasette = "/circle/figures.json?unit=kV"\n'
    )
    monkeypatch.setenv("BENCH_QUESTIONS", str(path))
    assert questions() == (
        Query("kv", "kV lines", "/v1/figures?unit=kV&q=line%20500", "/circle/figures.json?unit=kV"),
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key = 1", "bench: {path} holds no [[question]] tables"),
        (
            "[[question",
            "bench: cannot read the questions in {path}: Expected ']]' at the end of an "
            "array declaration (at end of document)",
        ),
        (
            '[[question]]\nkey = "a"\nlabel = "A"\napi = "/v1/figures"\nfirst_time = "yes"\n'
            "extra = 1",
            "bench: {path}: question 1: unknown field 'extra'; question 1: no 'datasette'; "
            "question 1: 'first_time' must be a bool",
        ),
        (
            '[[question]]\nkey = "a"\nlabel = "A"\napi = "v1/figures"\ndatasette = "/d?x={N}"\n'
            "first_time = true\n"
            '[[question]]\nkey = "a"\nlabel = "B"\napi = "/v1/x"\ndatasette = "/d"\n',
            "bench: {path}: question 1: 'api' must be a path starting with /; "
            "question 1: 'api' of a first-time question must hold {N}; "
            "key 'a' is given more than once",
        ),
    ],
)
def test_a_bad_questions_file_is_refused_with_every_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SystemExit) as stopped:
        load(path)
    assert str(stopped.value) == problem.replace("{path}", str(path))


def test_paths_are_encoded_where_they_must_be() -> None:
    assert encoded("/v1/figures?unit=kV,CNY&sort=-value") == "/v1/figures?unit=kV,CNY&sort=-value"
    assert encoded("/x?_where=a like '%b%'&n={N}") == "/x?_where=a%20like%20%27%25b%25%27&n={N}"
