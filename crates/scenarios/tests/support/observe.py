"""Runs a futures-lab scenario's Python program unchanged, then prints the
final state of every future (or task, or plain call) it made.

    python3 observe.py program.py TASK_NAME

The program's own output comes first, as it is. Then one line per future,
in the order they were made (the order of the inputs):

    observed: <index> <pending|running|cancelled|finished|failed>

and, for each pool the program made, the workers it allows and the CPUs
Python counts here:

    executor: max_workers=<n> cpus=<os.cpu_count()>

Pool futures are seen where concurrent.futures makes them
(Future.__init__), asyncio tasks where the loop makes them (only those
running TASK_NAME), and a plain loop's calls of TASK_NAME through a
profile hook (an input never called stays pending).
"""

import asyncio.base_events
import concurrent.futures
import concurrent.futures._base as base
import os
import runpy
import sys

program, task_name = sys.argv[1], sys.argv[2]
made = []  # futures and tasks, in the order they were made
calls = []  # a plain loop's calls: None while running, then True if it raised

original_init = base.Future.__init__


def future_init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    made.append(self)


base.Future.__init__ = future_init

pools = []  # max_workers of each executor made


def watch_pool(cls):
    original = cls.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pools.append(self._max_workers)

    cls.__init__ = init


watch_pool(concurrent.futures.ThreadPoolExecutor)
watch_pool(concurrent.futures.ProcessPoolExecutor)

original_create_task = asyncio.base_events.BaseEventLoop.create_task


def create_task(self, coro, *args, **kwargs):
    task = original_create_task(self, coro, *args, **kwargs)
    if getattr(coro, "__name__", None) == task_name:
        made.append(task)
    return task


asyncio.base_events.BaseEventLoop.create_task = create_task


def profile(frame, event, arg):
    """Sees the program's own calls of the task function on the main thread."""
    if frame.f_code.co_name != task_name or frame.f_code.co_filename != program:
        return
    if event == "call":
        calls.append(None)
    elif event == "return" and calls:
        # A return value of None here means an exception propagated: every
        # workload's task returns a value.
        calls[-1] = arg is None


def state(item):
    if isinstance(item, base.Future):
        with item._condition:
            if item._state in (base.CANCELLED, base.CANCELLED_AND_NOTIFIED):
                return "cancelled"
            if item._state == base.FINISHED:
                return "failed" if item._exception is not None else "finished"
            return "running" if item._state == base.RUNNING else "pending"
    if item.cancelled():
        return "cancelled"
    if item.done():
        return "failed" if item.exception() is not None else "finished"
    return "pending"


sys.setprofile(profile)
try:
    runpy.run_path(program, run_name="__main__")
finally:
    sys.setprofile(None)
    sys.stdout.flush()
if made:
    for index, item in enumerate(made):
        print(f"observed: {index} {state(item)}")
else:
    for index, raised in enumerate(calls):
        print(f"observed: {index} {'failed' if raised else 'finished'}")
for max_workers in pools:
    print(f"executor: max_workers={max_workers} cpus={os.cpu_count()}")
