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
  // No op_ns of its own: that select shows only when a link brings one.
  assert.equal(await page.getByTestId("op-ns").count(), 0);
  await page.getByTestId("cpu-speed").selectOption("cpython-3.11");
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-url").inputValue();
  assert.match(link, new RegExp(`clock=virtual&cpus=${cpus}&speed=cpython-3.11`));
  await page.getByTestId("cpus").fill("0");
  assert.match(await page.getByTestId("error-cpus").textContent(), /must be a whole number from 1 to 1024/);
  await page.getByTestId("cpus").fill("16");
  await page.getByTestId("clock").selectOption("real");
  await page.getByTestId("share").click();
  assert.doesNotMatch(await page.getByTestId("share-url").inputValue(), /clock|cpus|op_ns|speed/);
});

test("at a CPython's speed the clock names the version and when it was measured; a link's op_ns shows and can go", async () => {
  const page = playground.page;
  await playground.goto(`?workload=is_prime&inputs=112272535095293&executor=sequential&clock=virtual&cpus=2&speed=cpython-3.11&op_ns=20&run=1`);
  await playground.waitForRun();
  const label = await page.getByTestId("clock-label").textContent();
  assert.match(label, /as fast as CPython 3\.11 \(each workload's Python code timed in CPython 3\.11\.\d+ on \d{4}-\d{2}-\d{2}, rescaled so that a term of the sum of squares takes 20 ns\)/);
  assert.equal(await page.getByTestId("cpu-speed").inputValue(), "cpython-3.11");
  assert.equal(await page.getByTestId("op-ns").inputValue(), "20");
  const rescaled = await playground.wallTimeText();
  await page.getByTestId("op-ns").selectOption("");
  await playground.run();
  await page.waitForFunction((before) => {
    const wall = document.querySelector("[data-testid=wall-time]")?.textContent;
    return wall && wall !== before;
  }, rescaled);
  assert.doesNotMatch(await page.getByTestId("clock-label").textContent(), /rescaled/);
  await page.getByTestId("share").click();
  assert.doesNotMatch(await page.getByTestId("share-url").inputValue(), /op_ns/);
  // Fitted to this machine: this build's speed here sets op_ns.
  await page.getByTestId("fit-to-machine").click();
  await page.getByTestId("op-ns").waitFor();
  const fitted = Number(await page.getByTestId("op-ns").inputValue());
  assert.ok(fitted > 1 && fitted < 1000, `op_ns ${fitted}`);
  await page.getByTestId("share").click();
  const fittedLink = await page.getByTestId("share-url").inputValue();
  assert.match(fittedLink, new RegExp(`[?&]op_ns=${fitted}&`));
  assert.match(fittedLink, /[?&]speed=cpython-3\.11&/);
});

test("beside a real run, what CPython would take: the same scenario on the virtual clock at its speed", async () => {
  const page = playground.page;
  const query = "workload=cpu_bound&inputs=200000,200000&executor=threads&max_workers=2&python_version=3.12";
  await playground.goto(`?${query}&run=1`);
  await playground.waitForRun();
  await page.waitForFunction(() => /^≈ /.test(document.querySelector("[data-testid=cpython-prediction]")?.textContent ?? ""));
  const shown = await page.getByTestId("cpython-prediction").textContent();
  const name = await page.getByTestId("cpython-prediction").locator("xpath=..").locator("dt").textContent();
  assert.equal(name, "In CPython 3.12 (predicted)");
  // The figure links to the prediction's own run: CPython 3.12's speed fitted to this machine
  // (op_ns), this machine's CPUs, the GIL.
  const href = await page.getByTestId("cpython-prediction").locator("a").getAttribute("href");
  const cpus = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.match(href, new RegExp(`gil=true.*clock=virtual&cpus=${cpus}&op_ns=[0-9.]+&speed=cpython-3\\.12&run=1$`));
  const predicted = await page.evaluate(
    (q) => window.futuresLab.run(q).then((report) => report.wall_ms),
    href.slice(1).replace("&run=1", ""),
  );
  assert.equal(shown, `≈ ${predicted.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`);
  assert.match(await page.getByTestId("cpython-prediction-note").textContent(), /fitted to this machine/);
  assert.match(await page.getByTestId("cpython-prediction-note").getAttribute("title"), /^This build takes [0-9.]+ ns a term of the sum of squares here, 1\.75 ns where CPython was timed/);
  assert.match(await page.getByTestId("cpython-prediction-note").textContent(), /CPython 3\.12's speed.*share the GIL/);
  // Followed, the link plays the prediction.
  await page.getByTestId("cpython-prediction").locator("a").click();
  await page.waitForURL(/speed=cpython-3\.12/);
  await playground.waitForRun();
  assert.equal(`≈ ${await playground.wallTimeText()}`, shown);
  // A virtual run is its own prediction: no such line.
  await playground.goto(`?${query}&clock=virtual&cpus=2&run=1`);
  await playground.waitForRun();
  assert.equal(await page.getByTestId("cpython-prediction").count(), 0);
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
  // 20 × 5,000,000 terms at CPython 3.11's measured ns a term, with what its pool spends on each
  // future and on each hand-over of the GIL (crates/scenarios/data/cpython-costs.json;
  // scripts/calibrate changes them).
  assert.equal(await playground.wallTimeText(), "4,395.2 ms");
  await playground.goto("?preset=sixteen-cores&run=1");
  await playground.waitForRun();
  // CPython's fork launches the sixteen workers at the first submit (29 ms with the costs in
  // crates/scenarios/data/cpython-costs.json; scripts/calibrate changes them), then two rounds
  // of 220 ms, and the calls' travel (the last calls enter the call queue once a first result
  // has come back, as CPython's manager thread moves them).
  assert.equal(await playground.wallTimeText(), "472.8 ms");
  assert.equal(await page.getByTestId("workers-used").textContent(), "16");
  assert.equal(await playground.stat("workers_started"), 16);
});
