"""asyncio: gather with return_exceptions, a wait_for timeout, asyncio.wait FIRST_COMPLETED, a TaskGroup."""
import asyncio


async def nap(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise KeyError("missing")
    return seconds


async def spin(n):
    total = 0
    for i in range(n):
        total += i
        if i % 1000 == 0:
            await asyncio.sleep(0)
    return total


async def main():
    print(await asyncio.gather(nap(0.02), nap(0.01, fail=True), spin(5000), return_exceptions=True))
    try:
        await asyncio.wait_for(nap(1), timeout=0.02)
    except asyncio.TimeoutError:
        print("timed out")
    tasks = [asyncio.create_task(nap(s)) for s in (0.03, 0.01)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    for task in pending:
        task.cancel()
    async with asyncio.TaskGroup() as group:
        group.create_task(nap(0.01))
        group.create_task(nap(0.02))
    print("group done")


asyncio.run(main())
