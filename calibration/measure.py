"""What CPython's process pools cost around the work, measured here.

Run by ``scripts/calibrate``. For one interpreter (the one running this
file) it prints, as JSON, the figures the virtual clock uses for a process
pool:

* ``process_start``: for each start method (fork, spawn, forkserver), what
  starting a worker costs a program, in three parts: ``pool_ns``, creating
  the ``ProcessPoolExecutor``; ``launch_ns``, the time the program is held
  in the ``submit`` that starts the worker (a ``fork()``, a ``fork()`` and
  ``exec()``, or starting the fork server and waiting for it); and
  ``boot_ns``, the time after that
  until the worker has run its first call, less a warm call. ``first`` is a
  program's first pool (in a fresh interpreter), ``again`` a second pool in
  the same program (the fork server is already up). Each is the median of
  ``REPEATS`` fresh interpreters.
* ``transfer``: a warm call's round trip through the pool (pickling the call,
  the pipes, the manager thread, pickling the result), halved, as the fixed
  cost of one message; and the extra time per byte of a ``bytes`` argument
  and result of ``PAYLOAD`` bytes.

The spawned children import this file as their main module, so its imports
below are those of the lab's generated download program: a spawned worker
pays for them as the learner's program's workers do.
"""

import json
import multiprocessing
import platform
import random  # noqa: F401  (imported by the generated programs)
import re  # noqa: F401
import statistics
import subprocess
import sys
import time
import urllib.error  # noqa: F401
import urllib.request  # noqa: F401
from concurrent.futures import ProcessPoolExecutor

REPEATS = 7
WARM_CALLS = 50
PAYLOAD = 4_000_000


def noop():
    return None


def echo(data):
    return data


def warm_round_trip_ns(executor, *args):
    """The median round trip of one call of ``echo``/``noop`` in a warm pool."""
    function = echo if args else noop
    executor.submit(function, *args).result()
    times = []
    for _ in range(WARM_CALLS if not args else 9):
        start = time.perf_counter_ns()
        executor.submit(function, *args).result()
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times)


def one_pool(context):
    """A new pool's launch (held in the program) and boot (after it)."""
    start = time.perf_counter_ns()
    executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
    made = time.perf_counter_ns()
    future = executor.submit(noop)
    launched = time.perf_counter_ns()
    future.result()
    done = time.perf_counter_ns()
    warm = warm_round_trip_ns(executor)
    executor.shutdown()
    return {
        "pool_ns": made - start,
        "launch_ns": launched - made,
        "boot_ns": round(max(0, done - launched - warm)),
    }


def one_start(method):
    """In this (fresh) interpreter: its first pool's start, then a second's."""
    context = multiprocessing.get_context(method)
    return {"first": one_pool(context), "again": one_pool(context)}


def transfer():
    """The fixed cost of one message and the cost of one more byte."""
    with ProcessPoolExecutor(max_workers=1) as executor:
        empty = warm_round_trip_ns(executor)
        small = warm_round_trip_ns(executor, b"")
        big = warm_round_trip_ns(executor, b"x" * PAYLOAD)
    return {
        "fixed_ns": round(empty / 2),
        # the payload goes both ways
        "per_byte_ns": round(max(0, big - small) / (2 * PAYLOAD), 3),
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--one-start":
        print(json.dumps(one_start(sys.argv[2])))
        return
    methods = [m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]
    starts = {}
    for method in methods:
        samples = [
            json.loads(subprocess.run(
                [sys.executable, __file__, "--one-start", method],
                check=True, capture_output=True, text=True,
            ).stdout)
            for _ in range(REPEATS)
        ]
        starts[method] = {
            pool: {part: round(statistics.median(s[pool][part] for s in samples))
                   for part in ("pool_ns", "launch_ns", "boot_ns")}
            for pool in ("first", "again")
        }
    print(json.dumps({
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "default_start_method": multiprocessing.get_start_method(),
        "process_start": starts,
        "transfer": transfer(),
    }))


if __name__ == "__main__":
    main()
