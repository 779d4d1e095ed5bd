"""A thread pool with done callbacks, a cancelled future and wait(FIRST_EXCEPTION)."""
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

gate = threading.Event()


def work(n):
    if n == "fail":
        time.sleep(0.05)
        raise RuntimeError("boom")
    gate.wait(2)
    return n


seen = []
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(work, n) for n in ("fail", "slow", "queued")]
    for future in futures:
        future.add_done_callback(lambda f: seen.append(threading.current_thread().name))
    done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
    print("cancelled:", futures[2].cancel())
    gate.set()
print(len(done), len(not_done), sorted(seen))
