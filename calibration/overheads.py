"""What CPython's executors cost around the work, measured here.

Run by ``scripts/calibrate`` with each interpreter; prints, as JSON:

* ``gil_switch_ns``: what each hand-over of the GIL between threads that
  compute costs. The same CPU work (``TASKS`` sums of ``TERMS`` squares)
  runs one task after another, then on ``TASKS`` threads at once, which
  hand the GIL over about once per switch interval; the extra time over the
  number of hand-overs. Each the best of ``REPEATS``, taken in turns (the
  machine's noise only ever adds time, and is as large as the effect).
* ``thread_future_ns``: a future of a ``ThreadPoolExecutor`` with two
  workers, submitted and collected by ``as_completed``, whose call does
  nothing: ``FUTURES`` of them, per future.
* ``asyncio_task_ns``: an asyncio task made by ``create_task`` and awaited
  by ``gather``, whose coroutine returns at once: ``FUTURES`` of them, per
  task.
"""

import asyncio
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

REPEATS = 5
TASKS = 4
TERMS = 2_000_000
FUTURES = 20_000


def work(_):
    return sum(i * i for i in range(TERMS))


def median_s(run):
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def seconds(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def gil_switch_ns():
    one_by_one, together = [], []
    with ThreadPoolExecutor(TASKS) as executor:
        list(executor.map(work, range(TASKS)))  # the threads started
        for _ in range(REPEATS):
            one_by_one.append(seconds(lambda: [work(k) for k in range(TASKS)]))
            together.append(seconds(lambda: list(executor.map(work, range(TASKS)))))
    best, best_together = min(one_by_one), min(together)
    switches = best_together / sys.getswitchinterval()
    return max(0.0, (best_together - best) / switches * 1e9)


def nothing():
    return None


def thread_future_ns():
    with ThreadPoolExecutor(2) as executor:
        def run():
            futures = [executor.submit(nothing) for _ in range(FUTURES)]
            for future in as_completed(futures):
                future.result()
        run()  # the threads started
        return median_s(run) / FUTURES * 1e9


async def returns():
    return None


async def gathered():
    await asyncio.gather(*[asyncio.create_task(returns()) for _ in range(FUTURES)])


def asyncio_task_ns():
    def run():
        asyncio.run(gathered())
    return median_s(run) / FUTURES * 1e9


def main():
    print(json.dumps({
        "gil_switch_ns": round(gil_switch_ns()),
        "thread_future_ns": round(thread_future_ns()),
        "asyncio_task_ns": round(asyncio_task_ns()),
    }))


if __name__ == "__main__":
    main()
