#!/usr/bin/env python3
"""Runs a Python program unchanged and writes what its futures did as a futures-lab report.

    python3 futures_lab_trace.py -o report.json your_script.py [args...]

Every future of a ``ThreadPoolExecutor`` or ``ProcessPoolExecutor`` (its calls inside
the worker processes too) and every asyncio task is traced: when it was submitted,
started and ended, how (result, exception, cancelled), on which thread or process,
its CPU time beside its wall time, and the done callbacks it ran. So is what the
program was given: what ``as_completed``, ``map``, ``wait``, ``asyncio.gather``,
``asyncio.wait`` and a ``TaskGroup`` handed to it, and when. Open the report in
futures-lab (its "Open a trace" button, or ``?report=<url>``) to see it on the lab's
timeline.

Only the standard library is used (CPython 3.11 or later). The program's output,
exit status and behaviour stay what they are without the tracer; the report is
written when the program ends, whichever way it ends.

CPython tells how much CPU time a task's thread used, not what it waited for
during the rest: the report counts that rest as waiting of an unknown kind (I/O,
the GIL, a lock or the event loop).
"""

import argparse
import asyncio
import atexit
import collections.abc
import concurrent.futures
import concurrent.futures._base as futures_base
import concurrent.futures.process as futures_process
import concurrent.futures.thread as futures_thread
import functools
import itertools
import json
import multiprocessing
import os
import platform
import re
import runpy
import shutil
import sys
import tempfile
import threading
import time
import weakref

__all__ = ["Tracer", "main"]
__version__ = "1.0"

#: The first line of a program that futures-lab generated names its scenario.
SCENARIO_LINE = re.compile(r"^# The futures-lab scenario (\S+)")
#: Results and inputs that are not plain JSON are kept as their repr, this long at most.
REPR_CHARS = 200
#: The largest integer JSON numbers carry exactly (larger ones become decimal strings).
EXACT_INT = 2**53

_now = time.perf_counter_ns  # CLOCK_MONOTONIC on Linux: one clock for every process
_cpu = time.thread_time_ns


def _json_value(value, depth=0):
    """A value as the report's JSON carries it: plain data as is, anything else as its repr."""
    if value is None or isinstance(value, (bool, str)):
        return value if not isinstance(value, str) or len(value) <= REPR_CHARS else value[:REPR_CHARS] + "…"
    if isinstance(value, int):
        return value if -EXACT_INT <= value <= EXACT_INT else str(value)
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else repr(value)
    if isinstance(value, (list, tuple)) and depth < 3 and len(value) <= 100:
        return [_json_value(v, depth + 1) for v in value]
    text = repr(value)
    return text if len(text) <= REPR_CHARS else text[:REPR_CHARS] + "…"


def _error_text(error):
    """An exception as the lab writes it: ``Class: message`` (the class alone without one)."""
    message = str(error)
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def _call_name(fn):
    """The name of what a future calls (the inner function of a process pool's map chunk)."""
    if isinstance(fn, functools.partial):
        if fn.func is futures_process._process_chunk and fn.args:
            return _call_name(fn.args[0])
        return _call_name(fn.func)
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__


def _call_input(fn, args, kwargs):
    """What a future was given: its one argument, or the list of them (a map chunk's calls')."""
    if isinstance(fn, functools.partial) and fn.func is futures_process._process_chunk and args:
        calls = list(args[0])
        values = [_json_value(call[0] if len(call) == 1 else call) for call in calls]
        return values[0] if len(values) == 1 else values
    if kwargs:
        return _json_value(repr((args, kwargs)))
    if len(args) == 1:
        return _json_value(args[0])
    return _json_value(list(args))


def _thread_name():
    return threading.current_thread().name


class _WorkerLog:
    """What a worker process writes about its calls: one JSON line each, to its own file.

    A call's start is noted as the worker unpickles it (just before calling it) and its
    end as the worker sends its outcome back, so that no frame of the tracer's comes
    between the worker and the call (a traceback stays CPython's own).
    """

    file = None
    current = None  # (future id, CPU time at its start)

    @classmethod
    def write(cls, directory, record):
        if cls.file is None:
            path = os.path.join(directory, f"{os.getpid()}.jsonl")
            cls.file = open(path, "a", encoding="utf-8", buffering=1)
        cls.file.write(json.dumps(record) + "\n")

    @classmethod
    def begin(cls, directory, future):
        if not getattr(futures_process._sendback_result, "_futures_lab", False):
            futures_process._sendback_result = _sending_back(futures_process._sendback_result, directory)
        name = multiprocessing.current_process().name
        cls.write(directory, {"e": "start", "id": future, "t": _now(), "w": name})
        cls.current = (future, _cpu())

    @classmethod
    def end(cls, directory):
        if cls.current is not None:
            future, cpu = cls.current
            cls.current = None
            cls.write(directory, {"e": "end", "id": future, "t": _now(), "cpu": _cpu() - cpu})


def _sending_back(original, directory):
    """The worker's ``_sendback_result``, noting first that its call ended."""

    def _sendback_result(*args, **kwargs):
        _WorkerLog.end(directory)
        return original(*args, **kwargs)

    _sendback_result._futures_lab = True
    return _sendback_result


def _taking(fn, future, directory):
    """Unpickled in the worker process as it takes a call: notes the start, gives back the call."""
    _WorkerLog.begin(directory, future)
    return fn


class ProcessCall:
    """A process pool's call: pickled as the call itself, with a note of its start."""

    def __init__(self, fn, future, directory):
        self.fn = fn
        self.future = future
        self.directory = directory

    def __reduce__(self):
        return (_taking, (self.fn, self.future, self.directory))


class WorkerStart:
    """A worker process's initializer: notes that the worker is ready, then runs the program's own."""

    def __init__(self, initializer, directory):
        self.initializer = initializer
        self.directory = directory

    def __call__(self, *args):
        name = multiprocessing.current_process().name
        _WorkerLog.write(self.directory, {"e": "ready", "t": _now(), "w": name})
        if self.initializer is not None:
            self.initializer(*args)


class _Task:
    """What the tracer knows of one future or asyncio task."""

    __slots__ = (
        "id", "call", "input", "executor", "submitted", "queued", "started", "ended", "state",
        "result", "error", "worker", "slices", "cpu", "calls", "cpu_start",
    )

    def __init__(self, future_id, call, value, executor, submitted):
        self.id = future_id
        self.call = call
        self.input = value
        self.executor = executor
        self.submitted = submitted
        self.queued = None
        self.started = None
        self.ended = None
        self.state = "pending"
        self.result = None
        self.error = None
        self.worker = None
        self.slices = []  # (start, end, cpu) in ns
        self.cpu = 0
        self.calls = 1  # a process pool's map chunk holds several
        self.cpu_start = None  # a thread pool's call: its thread's CPU time as it started


class _Call:
    """One call of the program's: what it was given and what it handed back, when."""

    def __init__(self, api, futures, **extra):
        self.api = api
        self.called = _now()
        self.returned = None
        self.futures = futures
        self.gave = []  # (future id, t)
        self.extra = extra
        self.error = None
        self.thread = _thread_name()


class _TracedCoroutine(collections.abc.Coroutine):
    """An asyncio task's coroutine, timing each step the event loop gives it."""

    def __init__(self, coro, task, tracer):
        self._coro = coro
        self._task = task
        self._tracer = tracer

    def __getattr__(self, name):
        return getattr(self._coro, name)

    def __repr__(self):
        return repr(self._coro)

    def _step(self, method, *args):
        task = self._task
        start = _now()
        cpu = _cpu()
        if task.started is None:
            task.started = start
            task.state = "running"
            task.worker = _thread_name()
        try:
            return method(*args)
        except StopIteration as stop:
            self._tracer._end(task, "finished", result=stop.value, at=_now())
            raise
        except asyncio.CancelledError:
            self._tracer._end(task, "cancelled", at=_now())
            raise
        except BaseException as error:
            self._tracer._end(task, "failed", error=error, at=_now())
            raise
        finally:
            spent = _cpu() - cpu
            task.slices.append((start, _now(), spent))
            task.cpu += spent

    def send(self, value):
        return self._step(self._coro.send, value)

    def throw(self, *args):
        return self._step(self._coro.throw, *args)

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()


class Tracer:
    """Watches the futures of one program while installed; gives its report."""

    def __init__(self):
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._tasks = []
        self._calls = []
        self._callbacks = []
        self._executors = []
        self._executor_index = weakref.WeakKeyDictionary()
        self._last_executor = None  # (weak reference, index): most calls use the one used last
        self._workers = {}  # process name -> {"starting", "ready", "pid"}
        self._by_future = weakref.WeakKeyDictionary()
        self._local = threading.local()
        self._directory = None
        self._undo = []
        self.notes = []

    # Installing and removing ------------------------------------------------

    def install(self):
        """Patches concurrent.futures and asyncio so that what follows is traced."""
        self._directory = tempfile.mkdtemp(prefix="futures-lab-trace-")
        tracer = self

        def patch(owner, name, make):
            original = getattr(owner, name)
            self._undo.append((owner, name, original))
            setattr(owner, name, make(original))

        def future_init(original):
            def __init__(future, *args, **kwargs):
                original(future, *args, **kwargs)
                task = getattr(tracer._local, "pending", None)
                if task is not None:
                    tracer._local.pending = None
                    future._futures_lab_task = task
            return __init__

        patch(futures_base.Future, "__init__", future_init)
        patch(futures_base.Future, "set_running_or_notify_cancel", self._wrap_running)
        patch(futures_base.Future, "set_result", self._wrap_outcome("finished"))
        patch(futures_base.Future, "set_exception", self._wrap_outcome("failed"))
        patch(futures_base.Future, "cancel", self._wrap_cancel)
        patch(futures_base.Future, "add_done_callback", self._wrap_add_callback)
        patch(futures_thread.ThreadPoolExecutor, "submit", self._wrap_thread_submit)
        patch(futures_process.ProcessPoolExecutor, "submit", self._wrap_process_submit)
        patch(futures_process.ProcessPoolExecutor, "__init__", self._wrap_process_init)
        if hasattr(futures_process.ProcessPoolExecutor, "_spawn_process"):
            patch(futures_process.ProcessPoolExecutor, "_spawn_process", self._wrap_spawn)
        patch(futures_thread.ThreadPoolExecutor, "map", self._wrap_map)
        patch(futures_process.ProcessPoolExecutor, "map", self._wrap_map)
        for module in (futures_base, concurrent.futures):
            patch(module, "as_completed", self._wrap_as_completed)
            patch(module, "wait", self._wrap_wait)
        patch(asyncio.base_events.BaseEventLoop, "create_task", self._wrap_create_task)
        patch(asyncio.futures, "wrap_future", self._wrap_wrap_future)
        for module in (asyncio, asyncio.tasks):
            patch(module, "gather", self._wrap_gather)
            patch(module, "wait", self._wrap_asyncio_wait)
        if hasattr(asyncio, "TaskGroup"):
            patch(asyncio.TaskGroup, "create_task", self._wrap_group_create_task)
            patch(asyncio.TaskGroup, "__aenter__", self._wrap_group_enter)
            patch(asyncio.TaskGroup, "__aexit__", self._wrap_group_exit)
        return self

    def uninstall(self):
        """Undoes every patch (the report can still be made)."""
        while self._undo:
            owner, name, original = self._undo.pop()
            setattr(owner, name, original)

    # Futures of executors ---------------------------------------------------

    def _new_task(self, call, value, executor):
        with self._lock:
            task = _Task(next(self._ids), call, value, executor, _now())
            self._tasks.append(task)
        collecting = getattr(self._local, "collecting", None)
        if collecting is not None:
            collecting.append(task)
        return task

    def _executor(self, executor, kind, **extra):
        last = self._last_executor
        if last is not None and last[0]() is executor:
            return last[1]
        index = self._executor_index.get(executor)
        if index is None:
            index = len(self._executors)
            self._executor_index[executor] = index
            self._executors.append({"kind": kind, "max_workers": getattr(executor, "_max_workers", None), **extra})
        self._last_executor = (weakref.ref(executor), index)
        return index

    def _submitting(self, task, submit):
        self._local.pending = task
        try:
            future = submit()
        except BaseException:
            with self._lock:
                self._tasks.remove(task)
            raise
        finally:
            self._local.pending = None
        self._by_future[future] = task
        return future

    def _wrap_thread_submit(self, original):
        tracer = self

        def submit(executor, fn, /, *args, **kwargs):
            index = tracer._executor(executor, "threads")
            task = tracer._new_task(_call_name(fn), _call_input(fn, args, kwargs), index)
            # Its start and end are noted as the worker marks the future running and
            # sets its outcome (no frame of the tracer's around the call).
            return tracer._submitting(task, lambda: original(executor, fn, *args, **kwargs))

        return submit

    def _wrap_process_submit(self, original):
        tracer = self

        def submit(executor, fn, /, *args, **kwargs):
            context = getattr(executor, "_mp_context", None)
            method = context.get_start_method() if context is not None else None
            index = tracer._executor(executor, "processes", start_method=method)
            task = tracer._new_task(_call_name(fn), _call_input(fn, args, kwargs), index)
            if isinstance(fn, functools.partial) and fn.func is futures_process._process_chunk and args:
                task.calls = len(args[0])
            traced = ProcessCall(fn, task.id, tracer._directory)
            return tracer._submitting(task, lambda: original(executor, traced, *args, **kwargs))

        return submit

    def _wrap_process_init(self, original):
        tracer = self

        def __init__(executor, *args, **kwargs):
            names = ("max_workers", "mp_context", "initializer", "initargs")
            given = dict(zip(names, args))
            given.update(kwargs)
            given["initializer"] = WorkerStart(given.get("initializer"), tracer._directory)
            original(executor, **given)

        return __init__

    def _wrap_spawn(self, original):
        tracer = self

        def _spawn_process(executor, *args, **kwargs):
            before = set(executor._processes)
            starting = _now()
            result = original(executor, *args, **kwargs)
            for pid in set(executor._processes) - before:
                process = executor._processes[pid]
                tracer._workers.setdefault(process.name, {"starting": starting, "ready": None, "pid": pid})
            return result

        return _spawn_process

    def _wrap_running(self, original):
        tracer = self

        def set_running_or_notify_cancel(future):
            at = _now()
            running = original(future)
            task = getattr(future, "_futures_lab_task", None)
            if not running or task is None:
                return running
            if tracer._executors[task.executor]["kind"] == "threads":
                # A thread pool's worker marks it running just before calling it.
                task.started = at
                task.worker = _thread_name()
                task.cpu_start = _cpu()
            elif task.queued is None:
                # A process pool moves it to the call queue; a worker takes it later.
                task.queued = at
            if task.state == "pending":
                task.state = "running"
            return running

        return set_running_or_notify_cancel

    def _end(self, task, state, result=None, error=None, at=None):
        if task.ended is not None:
            return
        task.ended = at if at is not None else _now()
        if task.cpu_start is not None:
            spent = _cpu() - task.cpu_start
            task.cpu_start = None
            task.slices.append((task.started, task.ended, spent))
            task.cpu += spent
        task.state = state
        if state == "finished":
            task.result = _json_value(result)
        elif state == "failed":
            task.error = _error_text(error)

    def _wrap_outcome(self, state):
        """``set_result`` (state ``finished``) or ``set_exception`` (``failed``), noting the end first."""
        tracer = self
        field = "result" if state == "finished" else "error"

        def wrap(original):
            def set_outcome(future, value):
                at = _now()
                task = getattr(future, "_futures_lab_task", None)
                if task is not None:
                    tracer._end(task, state, at=at, **{field: value})
                return original(future, value)

            return set_outcome

        return wrap

    def _wrap_cancel(self, original):
        tracer = self

        def cancel(future):
            at = _now()
            cancelled = original(future)
            task = getattr(future, "_futures_lab_task", None)
            if cancelled and task is not None:
                tracer._end(task, "cancelled", at=at)
            return cancelled

        return cancel

    def _wrap_add_callback(self, original):
        tracer = self

        def add_done_callback(future, fn):
            task = getattr(future, "_futures_lab_task", None)
            if task is None or str(getattr(fn, "__module__", "")).startswith(("asyncio", "concurrent")):
                return original(future, fn)

            def traced(done):
                with tracer._lock:
                    tracer._callbacks.append((task.id, _now(), _thread_name()))
                return fn(done)

            return original(future, traced)

        return add_done_callback

    # The program's side -----------------------------------------------------

    def _ids_of(self, futures):
        ids = []
        for future in futures:
            task = self._by_future.get(future)
            ids.append(task.id if task is not None else None)
        return ids

    def _record(self, call):
        with self._lock:
            self._calls.append(call)
        return call

    def _wrap_map(self, original):
        tracer = self

        def map(executor, fn, *iterables, timeout=None, chunksize=1):
            created = []
            tracer._local.collecting = created
            try:
                results = original(executor, fn, *iterables, timeout=timeout, chunksize=chunksize)
            finally:
                tracer._local.collecting = None
            call = tracer._record(_Call("map", [t.id for t in created], timeout_s=timeout, chunksize=chunksize))
            return tracer._map_results(results, call, created)

        return map

    @staticmethod
    def _map_results(results, call, chunks):
        """map's iterator, noting which future each result came from (a chunk gives several)."""
        owners = iter([task.id for task in chunks for _ in range(task.calls)])
        try:
            for value in results:
                call.gave.append((next(owners, None), _now()))
                yield value
        except BaseException as error:
            if not isinstance(error, GeneratorExit):
                call.error = _error_text(error)
            raise
        finally:
            call.returned = _now()
            close = getattr(results, "close", None)
            if close is not None:
                close()

    def _wrap_as_completed(self, original):
        tracer = self

        def as_completed(fs, timeout=None):
            fs = list(fs)
            call = tracer._record(_Call("as_completed", tracer._ids_of(fs), timeout_s=timeout))
            try:
                for future in original(fs, timeout):
                    task = tracer._by_future.get(future)
                    call.gave.append((task.id if task is not None else None, _now()))
                    yield future
            except BaseException as error:
                if not isinstance(error, GeneratorExit):
                    call.error = _error_text(error)
                raise
            finally:
                call.returned = _now()

        return as_completed

    def _wrap_wait(self, original):
        tracer = self

        def wait(fs, timeout=None, return_when=futures_base.ALL_COMPLETED):
            fs = list(fs)
            call = tracer._record(_Call("wait", tracer._ids_of(fs), timeout_s=timeout, return_when=return_when))
            result = original(fs, timeout=timeout, return_when=return_when)
            call.returned = _now()
            # Sets: their futures in submission order.
            call.extra["done"] = sorted(i for i in tracer._ids_of(result.done) if i is not None)
            call.extra["not_done"] = sorted(i for i in tracer._ids_of(result.not_done) if i is not None)
            return result

        return wait

    # asyncio ------------------------------------------------------------------

    def _wrap_create_task(self, original):
        tracer = self

        def create_task(loop, coro, **kwargs):
            # The program's main coroutine (created before the loop runs) is not one of its tasks.
            if asyncio.events._get_running_loop() is not loop or not asyncio.iscoroutine(coro):
                return original(loop, coro, **kwargs)
            index = tracer._executor(loop, "asyncio")
            name = getattr(coro, "__qualname__", None) or type(coro).__name__
            task = tracer._new_task(name, _coroutine_input(coro), index)
            created = original(loop, _TracedCoroutine(coro, task, tracer), **kwargs)
            tracer._by_future[created] = task
            return created

        return create_task

    def _wrap_wrap_future(self, original):
        """``asyncio.wrap_future`` (``loop.run_in_executor``): the asyncio future stands for the executor's."""
        tracer = self

        def wrap_future(future, *, loop=None):
            wrapped = original(future, loop=loop)
            task = getattr(future, "_futures_lab_task", None)
            if task is not None and wrapped is not future:
                tracer._by_future[wrapped] = task
            return wrapped

        return wrap_future

    def _wrap_gather(self, original):
        tracer = self

        def gather(*aws, return_exceptions=False):
            created = []
            tracer._local.collecting = created
            try:
                outer = original(*aws, return_exceptions=return_exceptions)
            finally:
                tracer._local.collecting = None
            children = getattr(outer, "_children", None) or []
            ids = tracer._ids_of(children) if children else [t.id for t in created]
            call = tracer._record(_Call("gather", ids, return_exceptions=return_exceptions))

            def returned(done):
                call.returned = _now()
                if done.cancelled():
                    call.error = "CancelledError"
                elif done.exception() is not None:
                    call.error = _error_text(done.exception())
                else:  # the program receives every result at once
                    call.gave.extend((i, call.returned) for i in ids)

            outer.add_done_callback(returned)
            return outer

        return gather

    def _wrap_asyncio_wait(self, original):
        tracer = self

        async def wait(fs, *, timeout=None, return_when=asyncio.ALL_COMPLETED):
            fs = list(fs)
            call = tracer._record(_Call("asyncio_wait", tracer._ids_of(fs), timeout_s=timeout, return_when=return_when))
            done, pending = await original(fs, timeout=timeout, return_when=return_when)
            call.returned = _now()
            call.extra["done"] = sorted(i for i in tracer._ids_of(done) if i is not None)
            call.extra["not_done"] = sorted(i for i in tracer._ids_of(pending) if i is not None)
            return done, pending

        return wait

    def _wrap_group_enter(self, original):
        tracer = self

        async def __aenter__(group):
            group._futures_lab_call = tracer._record(_Call("task_group", []))
            return await original(group)

        return __aenter__

    def _wrap_group_create_task(self, original):
        tracer = self

        def create_task(group, coro, **kwargs):
            created = []
            tracer._local.collecting = created
            try:
                task = original(group, coro, **kwargs)
            finally:
                tracer._local.collecting = None
            call = getattr(group, "_futures_lab_call", None)
            if call is not None:
                call.futures.extend(t.id for t in created)
            return task

        return create_task

    def _wrap_group_exit(self, original):
        async def __aexit__(group, et, exc, tb):
            call = getattr(group, "_futures_lab_call", None)
            try:
                suppressed = await original(group, et, exc, tb)
            except BaseException as error:
                if call is not None:
                    call.returned = _now()
                    call.error = _error_text(error)
                raise
            if call is not None:
                # Its block ends with every task done: the program has their results.
                call.returned = _now()
                call.gave.extend((i, call.returned) for i in call.futures)
            return suppressed

        return __aexit__

    # The report ---------------------------------------------------------------

    def _read_worker_logs(self):
        starts, ends = {}, {}
        if not self._directory or not os.path.isdir(self._directory):
            return
        for name in os.listdir(self._directory):
            with open(os.path.join(self._directory, name), encoding="utf-8") as file:
                for line in file:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue  # a worker killed while writing
                    if record["e"] == "start":
                        starts[record["id"]] = record
                    elif record["e"] == "end":
                        ends[record["id"]] = record
                    elif record["e"] == "ready":
                        worker = self._workers.setdefault(record["w"], {"starting": None, "ready": None, "pid": None})
                        worker["ready"] = record["t"]
        for task in self._tasks:
            start = starts.get(task.id)
            if start is None:
                continue
            task.started = start["t"]
            task.worker = start["w"]
            end = ends.get(task.id)
            if end is not None:
                task.slices.append((start["t"], end["t"], end["cpu"]))
                task.cpu += end["cpu"]

    def report(self, script=None, argv=(), exit_status=0, error=None, scenario=None):
        """The report of everything traced so far, as a dict of the lab's Report format."""
        self._read_worker_logs()
        tasks = sorted(self._tasks, key=lambda t: t.id)
        # Renumber in submission order from 0 (a failed submit leaves no gap).
        number = {task.id: n for n, task in enumerate(tasks)}
        moments = [t.submitted for t in tasks] + [c.called for c in self._calls]
        zero = min(moments) if moments else _now()
        ms = lambda ns: None if ns is None else round((ns - zero) / 1e6, 6)  # noqa: E731
        ends = [t.ended for t in tasks if t.ended is not None]
        last = max(ends + [c.returned for c in self._calls if c.returned is not None], default=zero)

        task_reports = []
        for task in tasks:
            task_reports.append(self._task_report(task, number, ms))
        finish_order = [number[t.id] for t in sorted(tasks, key=lambda t: t.ended or 0)
                        if t.state in ("finished", "failed")]
        yielded = [number[i] for c in self._calls if c.api == "as_completed" for i, _ in c.gave if i in number]
        received = [number[i] for c in self._calls if c.api != "wait" and c.api != "asyncio_wait"
                    for i, _ in c.gave if i in number]
        calls = [self._call_report(c, number, ms) for c in self._calls]
        waits = [c for c in calls if c["api"] in ("wait", "asyncio_wait")]
        wait = None
        if waits:
            first = waits[0]
            wait = {
                "done": first["done"], "not_done": first["not_done"],
                "returned_ms": first["returned_ms"] if first["returned_ms"] is not None else 0.0,
                "reason": _wait_reason(first, {r["id"]: r for r in task_reports}),
            }
            if not received:
                received = [i for i in finish_order if i in first["done"]]
        # What a call raised into the program (wait never raises).
        program_error = next((c["error"] for c in calls if c["error"] and c["api"] != "asyncio_wait"), None)
        threads = [e["max_workers"] for e in self._executors if e.get("max_workers")]
        callbacks = [
            {"future": number[f], "t_ms": ms(t), "thread": None if thread == "MainThread" else thread}
            for f, t, thread in sorted(self._callbacks, key=lambda c: c[1]) if f in number
        ]
        return {
            "scenario": scenario,
            "mode": "cpython",
            "wall_ms": ms(last),
            "cpu_ms": round(sum(t.cpu for t in tasks) / 1e6, 6),
            "tasks": task_reports,
            "completion_order": yielded or finish_order,
            "result_order": received,
            "wait": wait,
            "stats": None,
            "error": program_error or error,
            "pool": {"threads": max(threads, default=1), "start_ms": None},
            "environment": {
                "cross_origin_isolated": None,
                "hardware_concurrency": os.cpu_count() or 1,
                "user_agent": f"{platform.python_implementation()}/{platform.python_version()} "
                              f"({sys.platform}; {platform.machine()})",
            },
            "callbacks": callbacks,
            "program": {
                "script": script,
                "argv": list(argv),
                "python": platform.python_version(),
                "exit_status": exit_status,
                "tracer": __version__,
                "executors": self._executors,
                "workers": [
                    {"name": name, "pid": w["pid"], "starting_ms": ms(w["starting"]), "ready_ms": ms(w["ready"])}
                    for name, w in sorted(self._workers.items(), key=lambda item: item[1]["starting"] or 0)
                ],
                "calls": calls,
                "notes": self.notes,
            },
        }

    def _task_report(self, task, number, ms):
        started = task.started
        ended = task.ended
        running_ns = (ended - started) if started is not None and ended is not None else 0
        cpu_ms = task.cpu / 1e6
        other_ms = max(0.0, running_ns / 1e6 - cpu_ms)
        return {
            "id": number[task.id],
            "input": task.input,
            "worker": task.worker,
            "state": task.state,
            "submitted_ms": ms(task.submitted),
            "started_ms": ms(started),
            "finished_ms": ms(ended),
            "result": task.result,
            "error": task.error,
            "time": {
                "computing_ms": round(cpu_ms, 6), "io_ms": 0.0, "gil_ms": 0.0, "lock_ms": 0.0,
                "loop_ms": 0.0, "start_ms": 0.0, "other_ms": round(other_ms, 6),
            },
            "call": task.call,
            "executor": task.executor,
            "queued_ms": ms(task.queued),
            "slices": [{"start_ms": ms(s), "end_ms": ms(e), "cpu_ms": round(c / 1e6, 6)} for s, e, c in task.slices],
        }

    @staticmethod
    def _call_report(call, number, ms):
        ids = lambda values: [number[i] for i in values if i in number]  # noqa: E731
        report = {
            "api": call.api,
            "thread": call.thread,
            "called_ms": ms(call.called),
            "returned_ms": ms(call.returned),
            "futures": ids(call.futures),
            "gave": [{"future": number[i], "t_ms": ms(t)} for i, t in call.gave if i in number],
            "done": ids(call.extra["done"]) if "done" in call.extra else None,
            "not_done": ids(call.extra["not_done"]) if "not_done" in call.extra else None,
            "return_when": call.extra.get("return_when"),
            "timeout_s": call.extra.get("timeout_s"),
            "error": call.error,
        }
        return report

    def cleanup(self):
        """Removes the worker processes' log files."""
        if self._directory:
            shutil.rmtree(self._directory, ignore_errors=True)


def _coroutine_input(coro):
    """A coroutine's first argument, if its frame still holds it (it has not started yet)."""
    frame = getattr(coro, "cr_frame", None)
    code = getattr(coro, "cr_code", None)
    if frame is None or code is None or code.co_argcount == 0:
        return None
    names = code.co_varnames[: code.co_argcount]
    values = [frame.f_locals.get(name) for name in names]
    return _json_value(values[0] if len(values) == 1 else values)


def _wait_reason(call, tasks):
    """Why ``wait`` returned: its condition held, or its timeout ran out."""
    when = call["return_when"] or "ALL_COMPLETED"
    done = call["done"] or []
    not_done = call["not_done"] or []
    if when == "FIRST_COMPLETED":
        held = bool(done) or not not_done
    elif when == "FIRST_EXCEPTION":
        held = not not_done or any(tasks[i]["state"] == "failed" for i in done)
    else:
        held = not not_done
    return when if held else "timeout"


def _scenario_of(script):
    """The lab scenario a generated program names on its first line, if it does."""
    try:
        with open(script, encoding="utf-8") as file:
            match = SCENARIO_LINE.match(file.readline())
    except OSError:
        return None
    return match.group(1) if match else None


def _trimmed(traceback, script):
    """The traceback from the program's own first frame on (the tracer's and runpy's left out)."""
    first = traceback
    while traceback is not None and traceback.tb_frame.f_code.co_filename != script:
        traceback = traceback.tb_next
    return traceback if traceback is not None else first


def main(argv=None):
    """The command line: trace a script, write its report."""
    parser = argparse.ArgumentParser(
        prog="futures_lab_trace.py",
        description="Runs a Python program unchanged and writes what its futures did as a futures-lab report.",
    )
    parser.add_argument("-o", "--output", default="futures-lab-report.json",
                        help="where to write the report (default: %(default)s; '-' for standard error)")
    parser.add_argument("script", help="the Python program to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    options = parser.parse_args(argv)
    if not os.path.isfile(options.script):
        parser.error(f"script: no such file: {options.script}")
    script = os.path.abspath(options.script)  # as CPython gives a script its __file__

    # The worker processes of a process pool import this module by its name.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import futures_lab_trace as module  # noqa: PLW0406 (the pickled classes must not live in __main__)

    tracer = module.Tracer().install()
    outcome = {"status": 0, "error": None}

    def write():
        tracer.uninstall()
        report = tracer.report(script, options.args, outcome["status"], outcome["error"], _scenario_of(script))
        # Readable when small; compact when it holds thousands of futures.
        compact = len(report["tasks"]) > 1000
        text = json.dumps(report, separators=(",", ":")) if compact else json.dumps(report, indent=1)
        if options.output == "-":
            sys.stderr.write(text + "\n")
        else:
            with open(options.output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        tracer.cleanup()

    # After every thread and executor has been joined (threading's exit hooks run first).
    atexit.register(write)
    sys.argv = [script, *options.args]
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as leaving:
        code = leaving.code
        outcome["status"] = code if isinstance(code, int) else (0 if code is None else 1)
        raise
    except BaseException as error:  # noqa: BLE001 (reported as Python would, then exit 1)
        outcome["status"] = 1
        outcome["error"] = _error_text(error)
        error = error.with_traceback(_trimmed(error.__traceback__, script))
        sys.excepthook(type(error), error, error.__traceback__)
        sys.exit(1)


if __name__ == "__main__":
    main()
