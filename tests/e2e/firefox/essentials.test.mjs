import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openFirefox } from "../firefox.mjs";
import { sumOfSquares } from "../playground-page.mjs";
import { serveTutorialParent } from "../tutorial-parent.mjs";

// Firefox ESR gives an isolated page shared memory: the essentials run with
// a real worker pool. (Its pool used to stall on 3 to 10 loads in 10; see
// www/pool-bootstrap.js.)
let firefox;
before(async () => {
  firefox = await openFirefox();
});
after(async () => firefox?.close());

const rowStates = (page) =>
  page.$$eval('[data-testid="future-row"]', (rows) => rows.map((row) => row.dataset.state).join());

test("Firefox loads the page isolated and its worker pool starts", async () => {
  const { page } = firefox;
  await firefox.open("/");
  const ready = await page.evaluate(() => window.futuresLab.ready);
  assert.ok(ready.threads > 2, JSON.stringify(ready));
  assert.ok(ready.start_ms > 0, JSON.stringify(ready));
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.cross_origin_isolated, true);
  assert.equal(info.shared_memory, true);
  assert.equal(info.exception_handling, true, "Firefox has wasm exception handling");
  await page.waitForFunction(
    () => /worker threads/.test(document.querySelector('[data-testid="pool-badge"]')?.textContent),
    { timeout: 10_000 },
  );
  const badge = await page.$eval('[data-testid="pool-badge"]', (el) => el.textContent);
  assert.match(badge, /^Cross-origin isolated · \d+ worker threads/);
});

test("Firefox runs every executor for real with exact results", async () => {
  // Results above 2**53 come as exact decimal strings.
  const expected = [10, 1000, 5_000_000].map(sumOfSquares);
  for (const [executor, workers] of [
    ["sequential", 1],
    ["threads&max_workers=2", 2],
    ["processes&max_workers=2", 2],
    ["asyncio", 1],
  ]) {
    const { report, error } = await firefox.run(`executor=${executor}&inputs=10,1000,5000000`);
    assert.equal(error, undefined, executor);
    assert.equal(report.mode, "browser", `${executor} for real`);
    assert.deepEqual(report.tasks.map((t) => String(t.result)), expected, executor);
    assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "finished", "finished"], executor);
    assert.ok(new Set(report.tasks.map((t) => t.worker)).size <= workers, executor);
  }
  // Real waits on two threads: the short download completes first.
  const { report } = await firefox.run("workload=download&executor=threads&max_workers=2&inputs=a.example@400,b.invalid@10,c.example@30&api=map");
  assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "failed", "finished"]);
  assert.deepEqual(report.completion_order, [1, 2, 0]);
  assert.match(report.error, /^URLError/);
  assert.deepEqual(firefox.problems, []);
});

test("Firefox replays a finished run: to the start, then to the end", async () => {
  const { page } = firefox;
  await firefox.open("/?workload=download&inputs=a.example@100,b.example@300,c.example@150&executor=threads&max_workers=2&run=1");
  await page.waitForSelector('[data-testid="wall-time"]', { timeout: 60_000 });
  assert.equal(await rowStates(page), "finished,finished,finished");
  const button = async (name) => {
    const found = await page.$(`[data-testid="player"] button[aria-label="${name}"]`);
    assert.ok(found, `the player's ${name} button`);
    return found;
  };
  await (await button("To the start")).click();
  assert.equal(await rowStates(page), "pending,pending,pending");
  await (await button("To the end")).click();
  assert.equal(await rowStates(page), "finished,finished,finished");
  const completed = await page.$$eval('[data-testid="order-completed"] td.order', (cells) => cells.map((cell) => Number(cell.textContent)));
  assert.deepEqual(completed, [0, 2, 1], "a at 100 ms, c at 250, b at 300");
  // The timeline zooms in and moves along, and comes back whole.
  const shown = () =>
    page.$eval('[data-testid="timeline-shown"]', (el) => [Number(el.dataset.fromNs), Number(el.dataset.toNs)]);
  const [from, to] = await shown();
  await page.click('[data-testid="timeline"] button[aria-keyshortcuts="+"]');
  const [zoomedFrom, zoomedTo] = await shown();
  assert.ok(Math.abs((zoomedTo - zoomedFrom) - (to - from) / 2) <= 2, `${from}–${to} → ${zoomedFrom}–${zoomedTo}`);
  await page.focus('[data-testid="timeline"] canvas');
  await page.keyboard.down("Shift");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.up("Shift");
  const [movedFrom] = await shown();
  assert.ok(movedFrom > zoomedFrom, `moved later: ${zoomedFrom} → ${movedFrom}`);
  await page.keyboard.press("0");
  assert.deepEqual(await shown(), [from, to]);
  assert.deepEqual(firefox.problems, []);
});

test("Firefox: a task that panics fails its run with BrokenThreadPool, and a new pool takes the broken one's place", async () => {
  const { page } = firefox;
  await firefox.open("/");
  const ready = await page.evaluate(() => window.futuresLab.ready);
  // Runs take turns, and the page's warm-up run asks for its turn as the
  // pool comes up: once two runs are back, it is done and cannot take the
  // armed panic.
  for (const _ of [1, 2]) {
    assert.equal((await firefox.run("executor=threads&max_workers=2&inputs=10")).report.mode, "browser");
  }
  await page.evaluate(() => window.futuresLab.testing.armPanic());
  const { error } = await firefox.run("executor=threads&max_workers=2&inputs=10,1000");
  assert.match(error, /BrokenThreadPool: the task of future #[01] panicked on ThreadPoolExecutor-\d+_[01] /);
  await page.waitForFunction(
    () => /worker threads/.test(document.querySelector('[data-testid="pool-badge"]')?.textContent),
    { timeout: 30_000 },
  );
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.ok(info.threads >= ready.threads, `the new pool starts with the broken one's workers (${info.threads})`);
  const { report } = await firefox.run("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(report.mode, "browser", "threads for real on the new pool");
  assert.deepEqual(report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares));
  const problems = firefox.problems.filter((p) => !/armed for a test|unreachable/.test(p));
  assert.deepEqual(problems, []);
  firefox.problems.length = 0;
});

test("Firefox opens a CPython trace from ?report= and replays it", async () => {
  const { page } = firefox;
  await firefox.open("/?report=sample-trace.json");
  await page.waitForSelector('[data-testid="trace-info"]', { timeout: 30_000 });
  const info = await page.$eval('[data-testid="trace-info"]', (el) => el.textContent);
  assert.match(info, /^CPython 3\.\d+\.\d+ trace of lab_threads\.py \(exit status 0\): 3 futures on a thread pool \(2 workers\)/);
  assert.equal(await rowStates(page), "finished,finished,finished");
  await (await page.$('[data-testid="player"] button[aria-label="To the start"]')).click();
  assert.equal(await rowStates(page), "pending,pending,pending");
  const shown = await page.evaluate(async () => {
    const text = await (await fetch("sample-trace.json")).text();
    return window.futuresLab.show(text);
  });
  assert.deepEqual(shown, { tasks: 3 });
  assert.deepEqual(firefox.problems, []);
});

test("Firefox runs the embed in a tutorial page on another origin", async () => {
  const { page } = firefox;
  const parent = await serveTutorialParent(firefox.baseUrl);
  try {
    await page.goto(`${parent.url}/`);
    await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:size" && m.height > 50), { timeout: 30_000 });
    await page.evaluate(() => window.send({
      type: "futures-lab:run",
      scenario: { workload: "download", inputs: ["a.example@600", "b.example@50"], executor: "threads", max_workers: 2 },
    }));
    await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:report"), { timeout: 30_000 });
    const [{ report }] = await page.evaluate(() => window.received.filter((m) => m?.type === "futures-lab:report"));
    assert.equal(report.scenario.workload, "download");
    assert.deepEqual(report.completion_order, [1, 0]);
    assert.equal(report.environment.cross_origin_isolated, true, "real threads inside the iframe");
  } finally {
    await parent.close();
  }
  assert.deepEqual(firefox.problems, []);
});

test("Firefox without isolation says so and still runs asyncio and processes for real", async () => {
  const bare = await openFirefox({ headers: {}, serviceWorkers: false });
  try {
    await bare.open("/");
    const { page } = bare;
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
    assert.deepEqual(await page.evaluate(() => window.futuresLab.ready), { threads: 0, start_ms: null });
    await page.waitForSelector('[data-testid="isolation-notice"]', { timeout: 10_000 });
    const badge = await page.$eval('[data-testid="pool-badge"]', (el) => el.textContent);
    assert.equal(badge, "No threads: not cross-origin isolated");
    const threads = await bare.run("executor=threads&inputs=10,20&max_workers=2");
    assert.equal(threads.report?.mode, "virtual", "threads on the virtual clock");
    for (const executor of ["asyncio", "processes"]) {
      const { report, error } = await bare.run(`workload=download&inputs=a.example@120,b.example@30&executor=${executor}&max_workers=2`);
      assert.equal(error, undefined, executor);
      assert.equal(report.mode, "browser", `${executor} for real`);
      assert.deepEqual(report.completion_order, [1, 0], executor);
    }
    assert.deepEqual(bare.problems, []);
  } finally {
    await bare.close();
  }
});
