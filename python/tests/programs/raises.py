"""A program that fails: its traceback and exit status must stay CPython's own."""
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(max_workers=1) as pool:
    value = pool.submit(int, "x").result()
