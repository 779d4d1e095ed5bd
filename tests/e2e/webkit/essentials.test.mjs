import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { By } from "selenium-webdriver";

import { sumOfSquares } from "../playground-page.mjs";
import { openWebKit, until } from "../webkit.mjs";

// WebKitGTK 2.50 reports crossOriginIsolated but has no SharedArrayBuffer:
// the page must see that it cannot share memory, say so, and run every
// executor it can (sequential, asyncio and processes for real, threads on
// the virtual clock) with exact results.
let webkit;
before(async () => {
  webkit = await openWebKit();
});
after(async () => webkit?.close());

const text = async (testId) => {
  const found = await webkit.driver.findElements(By.css(`[data-testid="${testId}"]`));
  return found.length ? found[0].getText() : null;
};

test("WebKit loads the page, says what it can run and why, and ready settles", async () => {
  const { driver } = webkit;
  await driver.get(`${webkit.baseUrl}/`);
  await until(() => driver.executeScript("return !!window.futuresLab"), 30_000, "window.futuresLab");
  const facts = await driver.executeScript(
    "return { isolated: self.crossOriginIsolated, sab: typeof SharedArrayBuffer, info: window.futuresLab.info() }",
  );
  const ready = await driver.executeAsyncScript(
    "const done = arguments[arguments.length - 1]; window.futuresLab.ready.then(done, (e) => done('rejected: ' + e));",
  );
  if (facts.sab === "undefined") {
    // The labelled fallback.
    assert.equal(facts.info.shared_memory, false);
    assert.equal(facts.info.cross_origin_isolated, facts.isolated);
    assert.match(facts.info.no_threads_because, /cannot start threads$/);
    assert.deepEqual(ready, { threads: 0, start_ms: null });
    const notice = await until(() => text("isolation-notice"), 10_000, "the notice");
    assert.match(notice, /so thread pools run on the virtual clock; sequential runs, asyncio and process pools still run for real\.$/);
    const badge = await until(async () => {
      const shown = await text("pool-badge");
      return shown?.startsWith("No threads") && shown;
    }, 10_000, "the badge");
    assert.equal(badge, facts.isolated ? "No threads: no shared memory in this browser" : "No threads: not cross-origin isolated");
  } else {
    // A WebKit with shared memory: a real pool.
    assert.equal(facts.info.shared_memory, true);
    assert.ok(ready.threads > 0, JSON.stringify(ready));
  }
});

test("WebKit runs every executor with exact results", async () => {
  // Results above 2**53 come as exact decimal strings.
  const expected = [10, 1000, 5_000_000].map(sumOfSquares);
  for (const executor of ["sequential", "threads&max_workers=2", "processes&max_workers=2", "asyncio"]) {
    const { report, error } = await webkit.run(`executor=${executor}&inputs=10,1000,5000000`);
    assert.equal(error, undefined, executor);
    assert.deepEqual(report.tasks.map((t) => String(t.result)), expected, executor);
    assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "finished", "finished"], executor);
  }
  // A real wait, a failure and map's exception, on the process pool from the page.
  const { report } = await webkit.run("workload=download&executor=processes&max_workers=2&inputs=a.example@120,b.invalid@10,c.example@30&api=map");
  assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "failed", "finished"]);
  assert.match(report.error, /^URLError/);
});

test("WebKit runs a scenario from the controls and shows its futures", async () => {
  const { driver } = webkit;
  await driver.get(`${webkit.baseUrl}/?executor=sequential&inputs=10,1000&run=1`);
  const rows = await until(async () => {
    const cells = await driver.findElements(By.css('[data-testid="future-row"]'));
    if (cells.length < 2) return null;
    const texts = await Promise.all(cells.map((cell) => cell.getText()));
    return texts.every((row) => /finished/.test(row)) && texts;
  }, 30_000, "two finished rows");
  assert.equal(rows.length, 2);
  assert.match(rows[1], new RegExp(String(sumOfSquares(1000))));
});
