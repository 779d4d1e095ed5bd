# The futures-lab scenario workload=download&inputs=slow@60,fast@10,mid@30&params=jitter_ms:150,latency_ms:200&executor=threads&max_workers=2&api=submit_as_completed
# as a Python program: it runs as-is with CPython 3.11+ and the standard library.
# Each task prints "task <number>: <call> = <result>", or "... raised <exception>".
import random
import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed

# The lab's sites are simulated: a latency (pinned by "@ms" after a name, or
# drawn) spent waiting, then a page size. The draws are the lab's: Python's
# random, seeded with the scenario's seed and the site's name.
# Names ending in .invalid, and some-made-up-domain.com, fail as names that do
# not resolve. Set SIMULATED = False to download for real (online).
SIMULATED = True
SEED = 1  # the scenario's seed: another seed, other latencies and sizes
LATENCY_S = 0.2  # mean latency of a site (params.latency_ms)
JITTER_S = 0.15  # how far a latency may be from the mean (params.jitter_ms)
MADE_UP_DOMAIN = "some-made-up-domain.com"


def download(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as conn:
        return len(conn.read())


def host(url):
    rest = url.split("://", 1)[-1]
    name = re.split(r"[/?#]", rest, maxsplit=1)[0]
    hostname, colon, _port = name.rpartition(":")
    return hostname if colon else name


def simulated(site):
    """The URL, the latency in seconds and the page size of a simulated site."""
    url, at, ms = site.rpartition("@")
    if not (at and url and ms.isdigit()):
        url, ms = site, None
    draw = random.Random(f"{SEED}:{url}")  # the same draws as the lab's, run after run
    drawn = LATENCY_S + JITTER_S * (draw.random() + draw.random() - 1)
    latency = int(ms) / 1000 if ms is not None else max(0.001, drawn)
    return url, latency, 2_000 + draw.randrange(400_000)


def load_url(site, timeout=60):
    url, latency, size = simulated(site)
    if not SIMULATED:
        return download(url, timeout)
    if host(url).endswith(".invalid") or host(url) == MADE_UP_DOMAIN:
        time.sleep(min(latency, 0.05))  # the name lookup fails after a short wait
        raise urllib.error.URLError("[Errno -2] Name or service not known")
    time.sleep(latency)  # waiting for the network: no CPU used, the GIL released
    return size


INPUTS = ["slow@60", "fast@10", "mid@30"]


def show(i, future):
    """Prints what task i gave: its result, or the exception it raised."""
    error = future.exception()
    if error is None:
        print(f"task {i}: load_url({INPUTS[i]!r}) = {future.result()!r}")
    else:
        print(f"task {i}: load_url({INPUTS[i]!r}) raised {type(error).__name__}: {error}")


start = time.perf_counter()
# gil=false: threads run Python code in parallel, as in free-threaded CPython (3.13t+).
with ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(load_url, x) for x in INPUTS]
    number = {future: i for i, future in enumerate(futures)}
    for future in as_completed(futures):
        show(number[future], future)
print(f"wall time: {time.perf_counter() - start:.3f} s")
