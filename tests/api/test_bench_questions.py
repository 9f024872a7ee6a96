"""The API answers every question the benchmarks ask (bench/questions.toml, bench.scale)."""

from bench.queries import questions
from bench.scale import other_questions
from tests.support import Api


def test_every_question_is_answered(api: Api) -> None:
    for query in questions():
        got = api.get(query.api.replace("{N}", "7"))
        assert got.status_code == 200, (query.key, got.text[:300])
        if query.revalidate:
            again = api.get(query.api, headers={"If-None-Match": got.headers["etag"]})
            assert again.status_code == 304, query.key


def test_every_other_question_of_bench_scale_is_answered(api: Api) -> None:
    for path in other_questions():
        got = api.get(path.replace("{N}", "7"))
        assert got.status_code == 200, (path, got.text[:300])
