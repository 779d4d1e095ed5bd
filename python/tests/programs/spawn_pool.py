"""A spawn process pool: two calls succeed, one fails, collected with as_completed."""
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed


def square(n):
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n * n


if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        futures = [pool.submit(square, n) for n in (3, -1, 4)]
        outcomes = []
        for future in as_completed(futures):
            error = future.exception()
            outcomes.append(repr(error) if error else future.result())
    print(sorted(outcomes, key=str))  # as_completed's order varies from run to run
    print("argv", sys.argv[1:])
