import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

let browser;
before(async () => (browser = await openBrowser()));
after(async () => browser?.close());

test("a scenario in the URL with run=1 fills the controls and runs", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto("?workload=cpu_bound&inputs=300000,200000,100000&executor=threads&max_workers=3&run=1");
  await playground.waitForRun();
  assert.equal(await playground.page.getByLabel("Executor").inputValue(), "threads");
  assert.equal(await playground.page.getByLabel("max_workers").inputValue(), "3");
  const rows = await playground.futureRows();
  assert.deepEqual(
    rows.map((r) => r.result),
    [300000, 200000, 100000].map(sumOfSquares),
  );
  assert.deepEqual(browser.problems, []);
});
