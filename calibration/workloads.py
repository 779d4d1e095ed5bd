"""What each workload's own Python code costs in CPython, measured here.

Run by ``scripts/calibrate`` with each interpreter. Its argument is a plan
(JSON) that ``scripts/calibrate`` makes with the lab's command line: for each
CPU workload, the lab's generated sequential program for a few calibration
inputs, and how many operations the virtual clock counts for those inputs
(the same scenario played on the virtual clock with ``op_ns=1``).

The program's definitions (its imports, the workload's function, ``INPUTS``)
are run as they are; the part that starts the clock and prints is not,
since printing a result (a big integer's digits) is the program's work, not
the task's. The workload's function is then called on every input, and the
best of ``REPEATS`` runs divided by the operations is the workload's cost per
operation in this interpreter. Prints the figures as JSON.
"""

import gc
import json
import sys
import time

REPEATS = 3
# Where a generated sequential program stops defining and starts running.
RUN_MARK = "\nstart = time.perf_counter()"


def definitions(program):
    """The program up to where it starts running its loop."""
    head, found, _ = program.partition(RUN_MARK)
    if not found:
        raise SystemExit(f"the generated program has no line {RUN_MARK.strip()!r}")
    return head


def best_ns(function, inputs):
    """The fastest of ``REPEATS`` runs of ``function`` over ``inputs``."""
    times = []
    for _ in range(REPEATS):
        gc.collect()
        start = time.perf_counter_ns()
        for value in inputs:
            function(value)
        times.append(time.perf_counter_ns() - start)
    return min(times)


def main():
    if not hasattr(sys, "set_int_max_str_digits"):
        # Before 3.11 there is no limit to lift; the programs lift it.
        sys.set_int_max_str_digits = lambda digits: None
    with open(sys.argv[1]) as file:
        plan = json.load(file)
    figures = {}
    for item in plan:
        namespace = {"__name__": "futures_lab_calibration"}
        exec(compile(definitions(item["program"]), item["workload"], "exec"), namespace)
        function = namespace[item["workload"]]
        wall_ns = best_ns(function, namespace["INPUTS"])
        figures[item["workload"]] = {
            "ns_per_op": round(wall_ns / item["ops"], 4),
            "inputs": item["inputs"],
            "ops": item["ops"],
            "wall_ns": wall_ns,
        }
    json.dump(figures, sys.stdout)


if __name__ == "__main__":
    main()
