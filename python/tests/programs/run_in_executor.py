"""asyncio hands blocking calls to a thread pool (loop.run_in_executor) and gathers them."""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking(seconds):
    time.sleep(seconds)
    return seconds


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, blocking, s) for s in (0.03, 0.01)))
    print(results)


asyncio.run(main())
