import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";
import { serveTutorialParent } from "../tutorial-parent.mjs";

// What a hostile link, a careless tutorial or a curious learner may hand the
// page is measured while it is still JavaScript's: refused by its size or
// type, never copied into the module's memory first. After each case an
// ordinary run gives exact results and the module's memory has not grown.
let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const MiB = 1024 * 1024;
const memory = (frame) => frame.evaluate(() => window.futuresLab.info().wasm_memory_bytes);

async function stillExact(frame) {
  const report = await frame.evaluate(() => window.futuresLab.run("executor=threads&max_workers=2&inputs=10,1000"));
  assert.deepEqual(report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares));
}

test("futuresLab.run refuses what is too big or not plain by its size or type, and the memory stays", async () => {
  const { page } = playground;
  await stillExact(page);
  const before = await memory(page);
  const refusal = (make) =>
    page.evaluate(`(async () => { try { await window.futuresLab.run(${make}); return "ran"; } catch (e) { return e.message; } })()`);
  const cases = [
    // 60 MB of text: once it grew the memory to its 1 GiB maximum and trapped the module.
    ["'inputs=' + '1,'.repeat(3e7)", "scenario: must be at most 1000000 characters long (got 60000007)"],
    ["{ inputs: new Array(3e7).fill(1) }", "inputs: must list at most 10000 items (got 30000000)"],
    ["{ inputs: ['x'.repeat(2e6)] }", "inputs[0]: must be at most 1000000 characters long (got 2000000)"],
    ["{ max_workers: NaN }", "max_workers: must be a finite number (got NaN)"],
    ["{ timeout_s: Infinity }", "timeout_s: must be a finite number (got Infinity)"],
    ["{ seed: -Infinity }", "seed: must be a finite number (got -Infinity)"],
    ["{ inputs: [1, NaN] }", "inputs[1]: must be a finite number (got NaN)"],
    ["new Map([['executor', 'threads']])", 'scenario: must be a query string ("workload=cpu_bound&executor=threads") or a plain object of fields (got a Map)'],
    ["new Date()", 'scenario: must be a query string ("workload=cpu_bound&executor=threads") or a plain object of fields (got a Date)'],
    ["new Blob(['x'])", 'scenario: must be a query string ("workload=cpu_bound&executor=threads") or a plain object of fields (got a Blob)'],
    ["{ inputs: ['1,2,3'] }", 'inputs[0]: must be one value, without \',\' (a list gives each value as an item of its own; got "1,2,3")'],
    ["{ workload: 'download', params: { latency_ms: '1,jitter_ms:60000' } }", 'params.latency_ms: must be one value, without \',\' (a list gives each value as an item of its own; got "1,jitter_ms:60000")'],
    ["{ executor: 'x'.repeat(1e5) }", `executor: must be one of sequential, threads, processes, asyncio (got "${"x".repeat(60)}"… (100000 characters))`],
    ["{ inputs: [{}] }", "inputs[0]: must be a string, a number, true or false, or a list of them (got an Object)"],
  ];
  for (const [make, expected] of cases) {
    assert.equal(await refusal(make), expected, make);
  }
  const simulated = await page.evaluate(() =>
    window.futuresLab.simulate("executor=threads", 1.5).then(() => "ran", (e) => e.message),
  );
  assert.equal(simulated, "cpus: must be a whole number from 1 to 1024 (got 1.5)");
  await stillExact(page);
  const grown = (await memory(page)) - before;
  assert.ok(grown < 16 * MiB, `the memory grew by ${(grown / MiB).toFixed(1)} MiB`);
  assert.deepEqual(browser.problems, []);
});

test("the embed ignores a big message of another type without reading it, and refuses an oversized run by its size", async () => {
  const parent = await serveTutorialParent(browser.baseUrl);
  const page = await browser.newPage();
  try {
    await page.goto(`${parent.url}/`);
    await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:size"), null, { timeout: 30_000 });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await frame.evaluate(() => window.futuresLab.ready);
    await stillExact(frame);
    const before = await memory(frame);
    // 3 million numbers of an unknown type: once copied whole into wasm before being ignored.
    await page.evaluate(() => window.send({ type: "not-ours", payload: new Array(3e6).fill(7) }));
    await page.evaluate(() => window.send({ type: "futures-lab:run", scenario: "executor=threads", extra: new Array(3e6).fill(7) }));
    await page.evaluate(() => window.send({ type: "futures-lab:run", scenario: { inputs: new Array(2e6).fill(7) } }));
    await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:error"), null, { timeout: 10_000 });
    const errors = await page.evaluate(() => window.received.filter((m) => m?.type === "futures-lab:error").map((m) => m.error));
    assert.deepEqual(errors, ["inputs: must list at most 10000 items (got 2000000)"]);
    await stillExact(frame);
    const grown = (await memory(frame)) - before;
    assert.ok(grown < 16 * MiB, `the memory grew by ${(grown / MiB).toFixed(1)} MiB`);
  } finally {
    // The page is the browser's only one: it closes with the browser.
    await parent.close();
  }
});
