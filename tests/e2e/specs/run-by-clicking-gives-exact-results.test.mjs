import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

let browser;
before(async () => (browser = await openBrowser()));
after(async () => browser?.close());

test("a threads run started from the controls finishes every future with the exact sum", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  await playground.ready();
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(2);
  await playground.run();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.equal(rows.length, 20, "the classic 20 tasks");
  rows.forEach((row, k) => {
    assert.equal(row.input, String(5_000_000 + k));
    assert.equal(row.state, "finished");
    assert.equal(row.result, sumOfSquares(5_000_000 + k));
    assert.match(row.worker, /^ThreadPoolExecutor-\d+_[01]$/);
  });
  assert.match(await playground.wallTimeText(), /^\d+(\.\d)? ms$/);
  assert.deepEqual(browser.problems, []);
});

test("a sequential run with custom inputs runs every task on MainThread", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  await playground.ready();
  await playground.chooseExecutor("sequential");
  await playground.setInputs("10,1000,123456");
  await playground.run();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(
    rows.map((r) => [r.state, r.worker, r.result]),
    [10, 1000, 123456].map((n) => ["finished", "MainThread", sumOfSquares(n)]),
  );
});
