"""The tracer on sample programs: each report checked field by field, the program's
output and exit status compared with the same program run without the tracer."""

import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TRACER = os.path.join(HERE, "..", "futures_lab_trace.py")
PROGRAMS = os.path.join(HERE, "programs")
#: Times are rounded to the nanosecond on the way to ms.
CLOSE_MS = 1e-3


#: A program futures-lab writes (pinned latencies: the order is the latencies').
LAB_SCENARIO = "workload=download&inputs=slow@60,fast@10,mid@30&executor=threads&max_workers=2"


@pytest.fixture(scope="module")
def lab_program(tmp_path_factory):
    """The lab's own Python program of LAB_SCENARIO, as `futures-lab program` writes it."""
    repository = os.path.join(HERE, "..", "..")
    command = ["cargo", "run", "-q", "-p", "futures-lab-scenarios", "--bin", "futures-lab", "--",
               "program", "--scenario", LAB_SCENARIO]
    written = subprocess.run(command, capture_output=True, text=True, cwd=repository, timeout=600, check=True)
    path = tmp_path_factory.mktemp("lab") / "lab_threads.py"
    path.write_text(written.stdout)
    return str(path)


def run(program, *args, traced, tmp_path):
    """Runs a program (a sample's name, or a path) with or without the tracer:
    (exit status, stdout, stderr, report)."""
    script = os.path.join(PROGRAMS, program)
    report_path = tmp_path / f"{os.path.basename(program)}.json"
    command = [sys.executable, script, *args]
    if traced:
        command = [sys.executable, TRACER, "-o", str(report_path), script, *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=PROGRAMS)
    report = json.loads(report_path.read_text()) if traced else None
    return done.returncode, done.stdout, done.stderr, report


def both(program, *args, tmp_path):
    """The program's exit status, output and report, its output checked against an untraced run's."""
    plain = run(program, *args, traced=False, tmp_path=tmp_path)
    status, stdout, stderr, report = run(program, *args, traced=True, tmp_path=tmp_path)
    assert status == plain[0], "the tracer changed the exit status"
    assert untimed(stdout) == untimed(plain[1]), "the tracer changed what the program printed"
    assert stderr == plain[2], "the tracer changed what the program wrote to stderr"
    assert report["program"]["exit_status"] == status
    check_shape(report)
    return stdout, report


def untimed(output):
    """Output without the lab programs' last line, their wall time (never twice the same)."""
    return [line for line in output.splitlines() if not line.startswith("wall time: ")]


def check_shape(report):
    """What holds for every report: the lab's format, times in order, parts adding up."""
    assert report["mode"] == "cpython"
    assert report["program"]["python"] == ".".join(map(str, sys.version_info[:3]))
    assert report["environment"]["hardware_concurrency"] == os.cpu_count()
    assert report["environment"]["user_agent"].startswith("CPython/")
    ids = [task["id"] for task in report["tasks"]]
    assert ids == list(range(len(ids))), "tasks in submission order, numbered from 0"
    for task in report["tasks"]:
        assert task["state"] in ("pending", "running", "finished", "failed", "cancelled")
        submitted, started, finished = task["submitted_ms"], task["started_ms"], task["finished_ms"]
        assert submitted >= 0
        if started is not None:
            assert started >= submitted
            assert finished is None or finished >= started
            time = task["time"]
            running = (finished or started) - started
            assert time["computing_ms"] >= 0 and time["other_ms"] >= 0
            if finished is not None:
                assert abs(time["computing_ms"] + time["other_ms"] - running) < CLOSE_MS or (
                    time["computing_ms"] > running  # CPU clocks tick coarser than the wall clock
                )
        if task["state"] == "failed":
            assert task["error"] and task["result"] is None
        if task["state"] == "finished":
            assert task["error"] is None
        for piece in task["slices"]:
            assert piece["start_ms"] <= piece["end_ms"]
    assert abs(report["cpu_ms"] - sum(t["time"]["computing_ms"] for t in report["tasks"])) < CLOSE_MS * len(ids) + 1e-9
    assert report["wall_ms"] >= max((t["finished_ms"] or 0) for t in report["tasks"]) - CLOSE_MS


def calls(report, api):
    return [call for call in report["program"]["calls"] if call["api"] == api]


def test_a_generated_thread_pool_program_names_its_scenario_and_its_order(lab_program, tmp_path):
    stdout, report = both(lab_program, tmp_path=tmp_path)
    assert report["scenario"].startswith("workload=download&inputs=slow@60,fast@10,mid@30")
    assert [t["input"] for t in report["tasks"]] == ["slow@60", "fast@10", "mid@30"]
    assert [t["call"] for t in report["tasks"]] == ["load_url"] * 3
    assert {t["worker"] for t in report["tasks"]} <= {"ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1"}
    # Two workers: fast (10 ms) ends first, mid (30 ms) takes its worker and ends at about 40, slow at 60.
    assert report["completion_order"] == [1, 2, 0]
    assert report["result_order"] == [1, 2, 0]
    (as_completed,) = calls(report, "as_completed")
    assert [g["future"] for g in as_completed["gave"]] == [1, 2, 0]
    assert as_completed["futures"] == [0, 1, 2] and as_completed["error"] is None
    assert report["tasks"][2]["started_ms"] >= report["tasks"][1]["finished_ms"] - CLOSE_MS
    for task in report["tasks"]:
        assert task["state"] == "finished" and isinstance(task["result"], int)
        # Sleeping, not computing: most of its time is waiting of a kind CPython cannot tell.
        assert task["time"]["other_ms"] > task["time"]["computing_ms"]
    assert report["program"]["executors"] == [{"kind": "threads", "max_workers": 2}]
    assert "task 1: load_url('fast@10')" in stdout.splitlines()[0]


def test_a_spawn_process_pool_runs_calls_in_named_worker_processes(tmp_path):
    stdout, report = both("spawn_pool.py", "one", "two", tmp_path=tmp_path)
    assert stdout.splitlines() == ["[16, 9, \"ValueError('negative: -1')\"]", "argv ['one', 'two']"]
    assert report["program"]["argv"] == ["one", "two"]
    assert report["program"]["executors"] == [{"kind": "processes", "max_workers": 2, "start_method": "spawn"}]
    workers = {w["name"]: w for w in report["program"]["workers"]}
    assert set(workers) == {"SpawnProcess-1", "SpawnProcess-2"}
    tasks = report["tasks"]
    assert [t["input"] for t in tasks] == [3, -1, 4]
    assert [t["state"] for t in tasks] == ["finished", "failed", "finished"]
    assert [t["result"] for t in tasks] == [9, None, 16]
    assert tasks[1]["error"] == "ValueError: negative: -1"
    for task in tasks:
        assert task["worker"] in workers
        worker = workers[task["worker"]]
        # Queued, then taken by a worker that was ready by then, then done in the parent.
        assert task["submitted_ms"] <= task["queued_ms"] <= task["started_ms"] + CLOSE_MS
        assert worker["starting_ms"] <= worker["ready_ms"] <= task["started_ms"] + CLOSE_MS
        (piece,) = task["slices"]
        assert piece["start_ms"] == task["started_ms"] and piece["end_ms"] <= task["finished_ms"] + CLOSE_MS
    (as_completed,) = calls(report, "as_completed")
    assert sorted(g["future"] for g in as_completed["gave"]) == [0, 1, 2]


def test_wait_first_exception_callbacks_and_their_threads(tmp_path):
    stdout, report = both("threads_callbacks.py", tmp_path=tmp_path)
    assert stdout.strip() == "cancelled: False\n1 2 " + str(sorted(["ThreadPoolExecutor-0_0"] * 2 + ["ThreadPoolExecutor-0_1"]))
    wait = report["wait"]
    assert wait == {"done": [0], "not_done": [1, 2], "returned_ms": wait["returned_ms"], "reason": "FIRST_EXCEPTION"}
    assert wait["returned_ms"] >= report["tasks"][0]["finished_ms"]
    (call,) = calls(report, "wait")
    assert call["return_when"] == "FIRST_EXCEPTION" and call["done"] == [0] and call["not_done"] == [1, 2]
    assert report["result_order"] == [0]
    assert report["tasks"][0]["error"] == "RuntimeError: boom"
    callbacks = report["callbacks"]
    assert sorted(c["future"] for c in callbacks) == [0, 1, 2]
    for callback in callbacks:
        task = report["tasks"][callback["future"]]
        # A callback runs on the thread that completed its future, right after.
        assert callback["thread"] == task["worker"]
        assert callback["t_ms"] >= task["finished_ms"]


def test_cancelled_futures_and_a_timeout_of_as_completed(tmp_path):
    stdout, report = both("cancel_pending.py", tmp_path=tmp_path)
    assert stdout.splitlines()[-1] == "[False, True, True]"
    assert [t["state"] for t in report["tasks"]] == ["finished", "cancelled", "cancelled"]
    assert [t["started_ms"] is None for t in report["tasks"]] == [False, True, True]
    assert report["error"] == "TimeoutError: 3 (of 3) futures unfinished"
    (call,) = calls(report, "as_completed")
    assert call["gave"] == [] and call["timeout_s"] == 0.05 and call["error"] == report["error"]
    assert call["returned_ms"] - call["called_ms"] >= 50 - CLOSE_MS


def test_asyncio_gather_wait_for_wait_and_a_task_group(tmp_path):
    stdout, report = both("asyncio_mix.py", tmp_path=tmp_path)
    assert stdout.splitlines()[:3] == ["[0.02, KeyError('missing'), 12497500]", "timed out", "1 1"]
    tasks = report["tasks"]
    assert [t["call"] for t in tasks] == ["nap", "nap", "spin", "nap", "nap", "nap", "nap", "nap"]
    assert {t["worker"] for t in tasks} == {"MainThread"}
    assert report["program"]["executors"] == [{"kind": "asyncio", "max_workers": None}]
    assert [t["state"] for t in tasks] == [
        "finished", "failed", "finished",  # gather
        "cancelled",  # wait_for's timeout
        "cancelled", "finished",  # asyncio.wait FIRST_COMPLETED, then the program cancels the rest
        "finished", "finished",  # the TaskGroup
    ]
    assert tasks[1]["error"] == "KeyError: 'missing'"
    assert tasks[2]["result"] == 12497500
    # spin yields the loop every 1000 steps: six steps; a nap two (before and after its sleep).
    assert len(tasks[2]["slices"]) == 6
    assert all(len(t["slices"]) == 2 for t in tasks if t["call"] == "nap" and t["state"] != "cancelled")
    (gather,) = calls(report, "gather")
    assert gather["futures"] == [0, 1, 2] and [g["future"] for g in gather["gave"]] == [0, 1, 2]
    assert gather["returned_ms"] >= max(tasks[i]["finished_ms"] for i in range(3))
    (wait,) = calls(report, "asyncio_wait")
    assert wait["done"] == [5] and wait["not_done"] == [4] and wait["return_when"] == "FIRST_COMPLETED"
    assert report["wait"]["reason"] == "FIRST_COMPLETED"
    (group,) = calls(report, "task_group")
    assert group["futures"] == [6, 7] and group["error"] is None
    assert group["returned_ms"] >= tasks[7]["finished_ms"]


def test_gather_over_run_in_executor_names_the_pool_futures(tmp_path):
    stdout, report = both("run_in_executor.py", tmp_path=tmp_path)
    assert stdout == "[0.03, 0.01]\n"
    assert [t["call"] for t in report["tasks"]] == ["blocking", "blocking"]
    assert {t["worker"] for t in report["tasks"]} == {"ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1"}
    (gather,) = calls(report, "gather")
    assert gather["futures"] == [0, 1] and [g["future"] for g in gather["gave"]] == [0, 1]
    assert gather["returned_ms"] >= report["tasks"][0]["finished_ms"]


def test_an_uncaught_exception_keeps_its_traceback_and_status(tmp_path):
    plain = run("raises.py", traced=False, tmp_path=tmp_path)
    _, report = both("raises.py", tmp_path=tmp_path)
    assert plain[0] == 1 and plain[2].startswith("Traceback (most recent call last):")
    assert "futures_lab_trace" not in plain[2]
    assert report["error"] == "ValueError: invalid literal for int() with base 10: 'x'"
    assert report["tasks"][0]["state"] == "failed"


def test_sys_exit_keeps_its_status_and_map_is_traced(tmp_path):
    stdout, report = both("exits.py", tmp_path=tmp_path)
    assert stdout == "[1, 2]\n" and report["program"]["exit_status"] == 3
    (call,) = calls(report, "map")
    assert call["futures"] == [0, 1] and [g["future"] for g in call["gave"]] == [0, 1]
    assert report["result_order"] == [0, 1]


def test_pip_installs_it_as_a_command(tmp_path):
    command = os.path.join(os.path.dirname(sys.executable), "futures-lab-trace")
    assert os.path.exists(command), "scripts/setup installs python/ into .venv with pip"
    done = subprocess.run([command, "-o", str(tmp_path / "r.json"), "exits.py"],
                          capture_output=True, text=True, cwd=PROGRAMS)
    assert done.returncode == 3 and done.stdout == "[1, 2]\n"
    assert json.loads((tmp_path / "r.json").read_text())["program"]["exit_status"] == 3


def test_a_missing_script_is_named(tmp_path):
    done = subprocess.run([sys.executable, TRACER, "-o", str(tmp_path / "r.json"), "nowhere.py"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "script: no such file: nowhere.py" in done.stderr
    assert not (tmp_path / "r.json").exists()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
