import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

// Four tasks of 1,000,000 terms at CPython's 35 ns: 35 ms each.
const FOUR = "workload=cpu_bound&inputs=1000000,1000000,1000000,1000000&executor=threads&max_workers=4&clock=virtual&cpus=4&op_ns=35";
const RESULT = "333332833333500000";

const rows = async () => (await playground.futureRows()).map((r) => `${r.state} ${r.worker} ${r.result}`);

test("the virtual clock plays threads with and without the GIL, the same every time, and says so", async () => {
  const page = playground.page;
  await playground.goto(`?${FOUR}&gil=true&run=1`);
  await playground.waitForRun();
  const label = await page.getByTestId("clock-label").textContent();
  assert.match(label, /^Virtual clock: a simulated machine with 4 CPUs, 35 ns per operation/);
  // Under the GIL the four threads take turns: 4 × 35 ms.
  assert.equal(await playground.wallTimeText(), "140.0 ms");
  const first = await rows();
  assert.equal(first.length, 4);
  assert.ok(first.every((row) => row.startsWith("finished ThreadPoolExecutor-0_") && row.endsWith(RESULT)), first.join("\n"));
  await playground.run();
  await page.getByTestId("player").waitFor();
  await playground.waitForRun();
  assert.equal(await playground.wallTimeText(), "140.0 ms");
  assert.deepEqual(await rows(), first, "the same run again");
  // Without the GIL, four threads on four CPUs: 35 ms.
  await page.getByTestId("gil").uncheck();
  await playground.run();
  await page.waitForFunction(() => document.querySelector("[data-testid=wall-time]")?.textContent === "35.0 ms");
  assert.deepEqual(browser.problems, []);
});

test("the summary follows the replay's moment", async () => {
  const page = playground.page;
  await playground.goto(`?${FOUR}&gil=true&run=1&t=70`);
  await playground.waitForRun();
  await page.waitForFunction(() => document.querySelector("[data-testid=wall-time]")?.textContent === "70.0 ms");
  // No figure yet: a dash, read out as when it comes.
  assert.equal(await page.getByTestId("speed-up").textContent(), "–at the end of the run");
  assert.equal(await page.getByTestId("speed-up").locator("[aria-hidden=true]").textContent(), "–");
  await page.getByTestId("player").getByRole("button", { name: "To the end" }).click();
  assert.equal(await playground.wallTimeText(), "140.0 ms");
  await page.waitForFunction(() => /×$/.test(document.querySelector("[data-testid=speed-up]")?.textContent ?? ""));
  // A sequential run of the same four: 140 ms, so the GIL gives 1.00×.
  assert.equal(await page.getByTestId("speed-up").textContent(), "1.00×");
});

test("choosing the clock pins this machine's CPUs, and the link carries them", async () => {
  const page = playground.page;
  await playground.goto("?workload=cpu_bound&inputs=1000,2000&executor=threads&max_workers=2");
  await playground.ready();
  assert.match(await page.getByTestId("clock-label").textContent(), /^Real run/);
  await page.getByTestId("clock").selectOption("virtual");
  const cpus = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(await page.getByTestId("cpus").inputValue(), String(cpus));
  await page.getByTestId("op-ns").selectOption("35");
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-url").inputValue();
  assert.match(link, new RegExp(`clock=virtual&cpus=${cpus}&op_ns=35`));
  await page.getByTestId("cpus").fill("0");
  assert.match(await page.getByTestId("error-cpus").textContent(), /must be a whole number from 1 to 1024/);
  await page.getByTestId("cpus").fill("16");
  await page.getByTestId("clock").selectOption("real");
  await page.getByTestId("share").click();
  assert.doesNotMatch(await page.getByTestId("share-url").inputValue(), /clock|cpus|op_ns/);
});

test("the clock is named in Korean too", async () => {
  await playground.goto(`?${FOUR}&lang=ko&run=1`);
  await playground.waitForRun();
  assert.match(await playground.page.getByTestId("clock-label").textContent(), /^가상 시계: CPU 4개/);
});

test("the virtual clock's classic examples: the GIL at CPython's speed, sixteen cores", async () => {
  const page = playground.page;
  await playground.goto("?preset=gil-cpython-speed&run=1");
  await playground.waitForRun();
  assert.equal(await playground.wallTimeText(), "3,500.0 ms");
  await playground.goto("?preset=sixteen-cores&run=1");
  await playground.waitForRun();
  // CPython's fork launches the sixteen workers at the first submit (48 ms with the costs in
  // crates/scenarios/data/cpython-costs.json; scripts/calibrate changes them), then two rounds
  // of 175 ms, and the calls' travel (the last calls enter the call queue once a first result
  // has come back, as CPython's manager thread moves them).
  assert.equal(await playground.wallTimeText(), "398.8 ms");
  assert.equal(await page.getByTestId("workers-used").textContent(), "16");
  assert.equal(await playground.stat("workers_started"), 16);
});
