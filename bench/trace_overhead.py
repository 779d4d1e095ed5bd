"""What the tracer costs a future: the same trivial futures untraced and traced, in one run.

    python3 bench/trace_overhead.py [futures] [rounds]

Prints µs per future (median of the rounds) for a thread pool (submit + as_completed), a
process pool (map with chunks of 1, where each call crosses to a worker process) and
asyncio tasks (gather), without and with the tracer, and the report's build time.
"""

import asyncio
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import futures_lab_trace  # noqa: E402


def identity(x):
    return x


def threads(n):
    with ThreadPoolExecutor(max_workers=6) as pool:
        for future in as_completed([pool.submit(identity, i) for i in range(n)]):
            future.result()


def processes(n):
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(identity, range(n)))


async def nothing(i):
    return i


def tasks(n):
    async def main():
        await asyncio.gather(*(nothing(i) for i in range(n)))

    asyncio.run(main())


def per_future_us(work, n, traced):
    tracer = futures_lab_trace.Tracer().install() if traced else None
    start = time.perf_counter()
    try:
        work(n)
    finally:
        spent = time.perf_counter() - start
        if tracer is not None:
            tracer.uninstall()
    report_s = 0.0
    if tracer is not None:
        start = time.perf_counter()
        report = tracer.report()
        report_s = time.perf_counter() - start
        assert len(report["tasks"]) == n, len(report["tasks"])
        tracer.cleanup()
    return spent / n * 1e6, report_s / n * 1e6


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(f"CPython {sys.version.split()[0]}, {n} trivial futures a run, median of {rounds} runs")
    print(f"{'':28}{'untraced µs':>12}{'traced µs':>12}{'ratio':>8}{'report µs':>11}")
    for name, work, count in (
        ("ThreadPoolExecutor (6)", threads, n),
        ("ProcessPoolExecutor (2) map", processes, n // 4),
        ("asyncio tasks (gather)", tasks, n),
    ):
        plain = statistics.median(per_future_us(work, count, False)[0] for _ in range(rounds))
        runs = [per_future_us(work, count, True) for _ in range(rounds)]
        traced = statistics.median(r[0] for r in runs)
        report = statistics.median(r[1] for r in runs)
        print(f"{name:28}{plain:12.2f}{traced:12.2f}{traced / plain:7.2f}×{report:11.2f}")


if __name__ == "__main__":
    main()
