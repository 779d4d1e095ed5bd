import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

/** Clicks one of the series buttons and waits until every run is done. */
async function runSeries(name) {
  const page = playground.page;
  await page.getByRole("button", { name }).click();
  const series = page.getByTestId("experiment");
  await page.waitForFunction(() => {
    const e = document.querySelector("[data-testid=experiment]");
    return e && !e.textContent.includes("…") && e.querySelectorAll("tbody tr").length > 0;
  }, null, { timeout: 120_000 });
  const rows = await series.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({ variant: tr.dataset.variant, ms: Number(tr.cells[1].dataset.ms), text: tr.cells[1].textContent })),
  );
  return { series, rows };
}

// Eight downloads pinned at 100 ms: the waiting overlaps as far as there are workers.
const DOWNLOADS = "workload=download&inputs=" + Array.from({ length: 8 }, (_, k) => `s${k}.example@100`).join(",");

test("Compare runs every executor, draws a bar each, and gives the summary its baseline", async () => {
  await playground.goto(`?${DOWNLOADS}&executor=threads&max_workers=8&run=1`);
  await playground.waitForRun();
  const { series, rows } = await runSeries("Compare every executor");
  assert.deepEqual(rows.map((r) => r.variant), ["sequential", "threads", "threads+GIL", "processes", "asyncio"]);
  const ms = Object.fromEntries(rows.map((r) => [r.variant, r.ms]));
  assert.ok(ms.sequential >= 800, `one after another: ${ms.sequential}`);
  for (const overlapped of ["threads", "threads+GIL", "asyncio"]) {
    assert.ok(ms[overlapped] >= 100 && ms[overlapped] < 400, `${overlapped} overlaps the waits: ${ms[overlapped]}`);
  }
  assert.ok(ms.processes < ms.sequential, `processes too: ${ms.processes}`);
  assert.equal(await series.locator("svg rect").count(), 5);
  // Beside each, CPython's time as the virtual clock predicts it (the scenario's Python, 3.13).
  assert.equal(await series.locator("thead th").nth(2).textContent(), "In CPython 3.13 (predicted)");
  const predicted = await series.getByTestId("predicted").evaluateAll((tds) => tds.map((td) => Number(td.dataset.ms)));
  assert.equal(predicted.length, 5);
  assert.ok(predicted[0] >= 800 && predicted[0] < 820, `sequential: eight waits of 100 ms: ${predicted[0]}`);
  assert.ok(predicted[1] >= 100 && predicted[1] < 120, `eight threads overlap them: ${predicted[1]}`);
  // The threads run above is now measured against the sequential one.
  const speedUp = Number((await playground.page.getByTestId("speed-up").textContent()).replace("×", ""));
  assert.ok(speedUp > 2, `eight overlapped waits: ${speedUp}×`);
  assert.match(await playground.page.getByTestId("efficiency").textContent(), /^\d+ %$/);
});

test("a link with series=compare starts Compare, CPython's column and all", async () => {
  await playground.goto(`?${DOWNLOADS}&executor=threads&max_workers=8&series=compare&lang=en`);
  await playground.ready();
  const page = playground.page;
  await page.waitForFunction(() => {
    const e = document.querySelector("[data-testid=experiment]");
    return e && !e.textContent.includes("…") && e.querySelectorAll("[data-testid=predicted]").length === 5;
  }, null, { timeout: 120_000 });
  const variants = await page.getByTestId("experiment").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.variant));
  assert.deepEqual(variants, ["sequential", "threads", "threads+GIL", "processes", "asyncio"]);
  // A bad series is named, and nothing starts.
  await playground.goto(`?${DOWNLOADS}&series=all&lang=en`);
  await playground.ready();
  assert.match(await page.getByTestId("error").textContent(), /series: must be compare \(every executor\) or amdahl/);
  assert.equal(await page.getByTestId("experiment").count(), 0);
});

test("Amdahl runs 1..N workers and fits a serial fraction near zero for overlapping waits", async () => {
  await playground.goto(`?${DOWNLOADS}&executor=threads&max_workers=2`);
  const { series, rows } = await runSeries("Amdahl: run on 1…N workers");
  assert.deepEqual(rows.map((r) => r.variant).slice(0, 4), ["1", "2", "3", "4"]);
  assert.ok(rows[0].ms >= 800 && rows[3].ms < 400, rows.map((r) => r.ms).join(", "));
  const serial = Number(await series.getByTestId("serial-fraction").getAttribute("data-value"));
  assert.ok(serial >= 0 && serial < 0.1, `fitted s = ${serial}`);
  assert.ok((await series.locator("svg circle").count()) >= rows.length, "a point per run");
  assert.match(await series.getByTestId("serial-fraction").textContent(), /1\/s = /);
});

test("the program: Python and Rust for the controls, following them, and copied", async () => {
  const page = playground.page;
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await playground.goto("?workload=cpu_bound&inputs=10,20&executor=threads&max_workers=2&gil=true");
  const code = page.getByTestId("code");
  assert.equal(await code.getAttribute("data-language"), "python");
  assert.match(await code.textContent(), /ThreadPoolExecutor\(max_workers=2\)/);
  assert.match(await code.textContent(), /as_completed/);
  await playground.chooseExecutor("processes");
  assert.match(await code.textContent(), /ProcessPoolExecutor\(max_workers=2\)/);
  await page.getByRole("button", { name: "dask.distributed" }).click();
  assert.equal(await code.getAttribute("data-language"), "dask");
  assert.match(await code.textContent(), /n_workers=2, threads_per_worker=1, processes=True/);
  assert.match(await code.textContent(), /client\.submit\(cpu_bound, x, pure=False\)/);
  await page.getByRole("button", { name: "Rust (futures-lab)" }).click();
  assert.equal(await code.getAttribute("data-language"), "rust");
  assert.match(await code.textContent(), /fn main\(\)/);
  await page.getByRole("button", { name: "Copy" }).click();
  await page.getByRole("button", { name: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code.textContent());
  // What dask cannot express is said, not written.
  await page.getByRole("button", { name: "dask.distributed" }).click();
  await playground.chooseExecutor("asyncio");
  assert.equal(await code.count(), 0);
  assert.match(await page.getByTestId("code-refused").textContent(), /^dask cannot run this scenario as CPython does\. executor=asyncio: /);
  assert.equal(await page.getByRole("button", { name: "Copy" }).isDisabled(), true);
  await page.getByRole("button", { name: "Python" }).click();
  await playground.chooseExecutor("processes");
  await playground.setMaxWorkers(0);
  assert.equal(await code.count(), 0);
  assert.match(await page.locator("section.code").textContent(), /Correct the fields above/);
  assert.deepEqual(browser.problems, []);
});

test("Compare and Amdahl wait for a run under way to end", async () => {
  const page = playground.page;
  await playground.goto("?workload=download&inputs=a.example@1200,b.example@1200&executor=sequential&run=1");
  await page.locator('[data-testid="future-row"][data-state="running"]').first().waitFor();
  const compare = page.getByRole("button", { name: "Compare every executor" });
  assert.equal(await compare.isDisabled(), true, "during the run");
  assert.equal(await page.getByRole("button", { name: /^Amdahl/ }).isDisabled(), true);
  await playground.waitForRun();
  assert.equal(await compare.isEnabled(), true, "once it has ended");
  assert.deepEqual(browser.problems, []);
});
