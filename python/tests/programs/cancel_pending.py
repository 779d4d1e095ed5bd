"""One worker, a blocking call, then shutdown(cancel_futures=True): the queued calls are cancelled."""
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError, as_completed

gate = threading.Event()
pool = ThreadPoolExecutor(max_workers=1)
futures = [pool.submit(gate.wait, 5), pool.submit(print, "never"), pool.submit(print, "never either")]
try:
    for future in as_completed(futures, timeout=0.05):
        print("done", future)
except TimeoutError as error:
    print("as_completed raised TimeoutError:", error)
pool.shutdown(wait=False, cancel_futures=True)
gate.set()
pool.shutdown(wait=True)
print([future.cancelled() for future in futures])
