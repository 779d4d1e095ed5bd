"""The classic comparisons in CPython, for futures-lab's benchmark.

Prints one JSON object: {"download": {executor: wall_ms}, "cpu_bound": {...}}.
The download is simulated exactly as futures-lab simulates it: each site
sleeps its pinned latency (given after "@"); a name ending in .invalid or the
made-up domain fails. The CPU-bound task is sum(i * i for i in range(n)).
"""

import asyncio
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed


def site_latency(site):
    return int(site.rsplit("@", 1)[1]) / 1000


def download(site):
    time.sleep(site_latency(site))
    host = site.split("://", 1)[-1].split("/", 1)[0].split("@", 1)[0]
    if host.endswith(".invalid") or host == "some-made-up-domain.com":
        raise OSError("<urlopen error [Errno -2] Name or service not known>")
    return len(site) * 1000


async def download_async(site):
    await asyncio.sleep(site_latency(site))
    host = site.split("://", 1)[-1].split("/", 1)[0].split("@", 1)[0]
    if host.endswith(".invalid") or host == "some-made-up-domain.com":
        raise OSError("<urlopen error [Errno -2] Name or service not known>")
    return len(site) * 1000


def cpu_bound(n):
    return sum(i * i for i in range(n))


async def cpu_bound_async(n):
    return cpu_bound(n)


def timed(run):
    began = time.perf_counter()
    run()
    return round((time.perf_counter() - began) * 1000, 1)


def sequential(fn, inputs):
    for x in inputs:
        try:
            fn(x)
        except OSError:
            pass


def pooled(executor_class, workers, fn, inputs):
    with executor_class(max_workers=workers) as executor:
        for future in as_completed([executor.submit(fn, x) for x in inputs]):
            future.exception()


def with_asyncio(fn, inputs):
    async def main():
        await asyncio.gather(*(fn(x) for x in inputs), return_exceptions=True)

    asyncio.run(main())


def measure(fn, fn_async, inputs, workers):
    return {
        "sequential": timed(lambda: sequential(fn, inputs)),
        "threads": None,  # CPython threads always run under the GIL (no free-threaded build here)
        "threads+GIL": timed(lambda: pooled(ThreadPoolExecutor, workers, fn, inputs)),
        "processes": timed(lambda: pooled(ProcessPoolExecutor, workers, fn, inputs)),
        "asyncio": timed(lambda: with_asyncio(fn_async, inputs)),
    }


if __name__ == "__main__":
    sites = sys.argv[1].split(",")
    numbers = [int(n) for n in sys.argv[2].split(",")]
    workers = int(sys.argv[3])
    print(json.dumps({
        "download": measure(download, download_async, sites, workers),
        "cpu_bound": measure(cpu_bound, cpu_bound_async, numbers, workers),
        "python": sys.version.split()[0],
    }))
