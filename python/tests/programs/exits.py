"""A program that exits with status 3 after one future."""
import sys
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor() as pool:
    print(list(pool.map(abs, [-1, -2])))
sys.exit(3)
