"""Scenarios exported with `futures-lab program --lang dask`, run on a dask LocalCluster: each
gives what the lab's own report of the same scenario says (every task's result or exception,
the order the program received them, wait's split, the program's own exception).

Pinned download latencies lie at least 75 ms apart and every call has a worker of its own
(max_workers ≥ inputs), so the order is the latencies' and not a scheduler's choice.
"""

import os
import re
import subprocess
import sys

import pytest

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TASK = re.compile(r"^task (\d+): \w+\((.*)\) (=|raised) (.*)$")
PROGRAM_ERROR = re.compile(r"^(\w+) raised (\w+)")

SCENARIOS = {
    "as_completed on threads": "workload=download&inputs=a@300,b@75,c@150&executor=threads&max_workers=3",
    "a failing task on processes": (
        "workload=download&inputs=a@300,bad.invalid,c@150&executor=processes&max_workers=3"
    ),
    "map raising at a failed call": (
        "workload=download&inputs=a@150,bad.invalid,c@300&executor=processes&max_workers=3&api=map"
    ),
    "wait FIRST_COMPLETED": (
        "workload=download&inputs=a@300,b@75,c@150&executor=threads&max_workers=3"
        "&api=wait&return_when=FIRST_COMPLETED"
    ),
    "wait FIRST_EXCEPTION": (
        "workload=download&inputs=a@400,b@200,bad.invalid,d@300&executor=threads&max_workers=4"
        "&api=wait&return_when=FIRST_EXCEPTION"
    ),
    "wait ALL_COMPLETED with a timeout": (
        "workload=download&inputs=a@400,b@75,c@150&executor=processes&max_workers=3"
        "&api=wait&timeout_s=0.25"
    ),
}


def futures_lab(*args):
    """The native runner's output (built first if it is not)."""
    command = ["cargo", "run", "-q", "-p", "futures-lab-scenarios", "--bin", "futures-lab", "--", *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, timeout=600)
    return done


def printed(stdout):
    """What the program printed: each task's outcome in order, wait's split, its own exception."""
    seen = {"received": [], "outcomes": {}, "done": None, "not_done": None, "error": None}
    for line in stdout.splitlines():
        if match := TASK.match(line):
            task = int(match.group(1))
            seen["received"].append(task)
            if match.group(3) == "=":
                seen["outcomes"][task] = ("result", match.group(4))
            else:
                seen["outcomes"][task] = ("error", match.group(4).split(":")[0])
        elif line.startswith("done: "):
            seen["done"] = eval(line[len("done: "):])  # noqa: S307 (a list of ints the program printed)
        elif line.startswith("not done: "):
            seen["not_done"] = eval(line[len("not done: "):])  # noqa: S307
        elif match := PROGRAM_ERROR.match(line):
            seen["error"] = match.group(2)
    return seen


def lab_report(query):
    import json

    done = futures_lab("run", "--scenario", query + "&clock=virtual")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_dask_program_gives_what_the_lab_reports(name, tmp_path):
    query = SCENARIOS[name]
    exported = futures_lab("program", "--lang", "dask", "--scenario", query)
    assert exported.returncode == 0, exported.stderr
    script = tmp_path / "program.py"
    script.write_text(exported.stdout)
    assert "from distributed import" in exported.stdout
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    seen = printed(run.stdout)
    report = lab_report(query)

    expected_outcomes = {}
    for task in report["tasks"]:
        if task["id"] not in seen["outcomes"]:
            continue
        if task["state"] == "failed":
            expected_outcomes[task["id"]] = ("error", task["error"].split(":")[0])
        else:
            expected_outcomes[task["id"]] = ("result", repr(task["result"]))
    assert seen["outcomes"] == expected_outcomes, run.stdout
    assert seen["received"] == report["result_order"], run.stdout
    if report["wait"] is not None:
        assert (seen["done"], seen["not_done"]) == (report["wait"]["done"], report["wait"]["not_done"])
    expected_error = report["error"].split(":")[0] if report["error"] else None
    assert seen["error"] == expected_error, run.stdout


@pytest.mark.parametrize(
    "query, field",
    [
        ("workload=download&executor=asyncio", "executor=asyncio"),
        ("workload=download&executor=sequential", "executor=sequential"),
        ("workload=points&executor=threads", "workload=points"),
        ("workload=stream&executor=threads", "workload=stream"),
    ],
)
def test_what_dask_cannot_express_is_refused_saying_why(query, field):
    done = futures_lab("program", "--lang", "dask", "--scenario", query)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"futures-lab: dask cannot run this scenario: {field}:"), done.stderr


def test_an_unknown_language_is_named():
    done = futures_lab("program", "--lang", "cobol", "--scenario", "workload=download")
    assert done.returncode == 2
    assert 'futures-lab: --lang: must be one of python, rust, dask (got "cobol")' in done.stderr
