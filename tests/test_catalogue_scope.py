"""use_catalogue per context: threads and asyncio tasks never see each other's catalogue."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import wor_match as wm
from tests.conftest import make_catalogue
from wor_match import recommender

PROFILE = {"client_id": "c", "home": {"postcode": "2181"}}


def _own(tag: str) -> wm.Catalogue:
    return make_catalogue([{"activity_id": tag, "name": "Online", "delivery": "online"}])


def _answered_from() -> str:
    return wm.recommend(PROFILE, k=1)[0].activity_id


@pytest.fixture(autouse=True)
def _reset(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("WOR_MATCH_CATALOGUE", raising=False)
    wm.use_catalogue(None)
    yield
    wm.use_catalogue(None)


def test_threads_each_setting_their_own_catalogue() -> None:
    barrier = threading.Barrier(8)

    def worker(i: int) -> list[str]:
        wm.use_catalogue(_own(f"t{i}"))
        barrier.wait()  # all threads have set theirs before any answers
        return [_answered_from() for _ in range(25)]

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(worker, range(8)))
    for i, seen in enumerate(answers):
        assert seen == [f"t{i}"] * 25


def test_with_block_is_scoped_and_leaves_the_process_default() -> None:
    wm.use_catalogue(_own("default"))
    seen_elsewhere: list[str] = []
    inside = threading.Event()
    done = threading.Event()

    def other_thread() -> None:
        inside.wait()
        seen_elsewhere.append(_answered_from())  # a thread that never chose one
        done.set()

    thread = threading.Thread(target=other_thread)
    thread.start()
    with wm.use_catalogue(_own("scoped")) as catalogue:
        assert catalogue is not None
        assert _answered_from() == "scoped"
        inside.set()
        done.wait()
    thread.join()
    assert seen_elsewhere == ["default"]
    assert _answered_from() == "default"


def test_asyncio_tasks_do_not_share() -> None:
    async def task(tag: str) -> list[str]:
        wm.use_catalogue(_own(tag))
        answers = []
        for _ in range(5):
            await asyncio.sleep(0)  # let the other tasks run in between
            answers.append(_answered_from())
        return answers

    async def main() -> list[list[str]]:
        return await asyncio.gather(*(task(f"a{i}") for i in range(4)))

    assert asyncio.run(main()) == [[f"a{i}"] * 5 for i in range(4)]


def test_plain_call_returns_the_catalogue_in_use() -> None:
    own = _own("x")
    assert wm.use_catalogue(own).catalogue is own
    assert wm.use_catalogue(None).catalogue is None


def test_demo_catalogue_is_built_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    builds = []
    original = wm.Catalogue.from_csv

    def counting(*args: object, **kwargs: object) -> wm.Catalogue:
        builds.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recommender, "_demo", None)
    monkeypatch.setattr(wm.Catalogue, "from_csv", counting)
    barrier = threading.Barrier(8)

    def cold_start(_: int) -> int:
        barrier.wait()
        return id(wm.load_demo_catalogue())

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(cold_start, range(8)))
    assert len(ids) == 1
    assert len(builds) == 1
