import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("the orders view shows submission, as_completed and result orders, marking where they differ", async () => {
  const page = playground.page;
  await playground.chooseWorkload("download");
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(3);
  await playground.setInputs("a.example@150,b.example@10,c.example@60");
  await playground.run();
  await playground.waitForRun();
  const cells = (testid) => page.getByTestId(testid).locator("td").allTextContents();
  assert.deepEqual(await cells("order-submitted"), ["0", "1", "2"]);
  assert.deepEqual(await cells("order-completed"), ["1", "2", "0"]);
  assert.deepEqual(await cells("order-results"), ["1", "2", "0"]);
  assert.equal(await page.getByTestId("order-completed").locator("td.moved").count(), 3);
  // map: results come back in input order, whatever the completion order.
  await page.getByTestId("api").selectOption("map");
  await playground.run();
  await playground.waitForRun();
  assert.deepEqual(await cells("order-completed"), ["1", "2", "0"]);
  assert.deepEqual(await cells("order-results"), ["0", "1", "2"]);
  assert.equal(await page.getByTestId("order-results").locator("td.moved").count(), 0);
});

test("wait with FIRST_EXCEPTION shows done, not_done and why it returned", async () => {
  const page = playground.page;
  await playground.chooseWorkload("download");
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(3);
  await playground.setInputs("a.example@400,b.example@400,x.invalid@20");
  await page.getByTestId("api").selectOption("wait");
  await page.getByTestId("return-when").selectOption("FIRST_EXCEPTION");
  await playground.run();
  await playground.waitForRun();
  assert.equal(await page.getByTestId("wait-done").textContent(), "{2}");
  assert.equal(await page.getByTestId("wait-not-done").textContent(), "{0, 1}");
  assert.match(await page.getByTestId("wait-reason").textContent(), /^FIRST_EXCEPTION \(\d+\.\d ms\)$/);
});

test("a timeout and the GIL switch reach the program", async () => {
  const page = playground.page;
  await playground.chooseWorkload("cpu_bound");
  await playground.chooseExecutor("threads");
  await playground.setMaxWorkers(2);
  await playground.setInputs("10,400000000");
  await page.getByTestId("api").selectOption("submit_as_completed");
  await page.getByTestId("timeout").fill("0.02");
  await page.getByTestId("gil").check();
  await playground.run();
  await playground.waitForRun();
  assert.match(await page.getByTestId("program-error").textContent(), /TimeoutError: 1 \(of 2\) futures unfinished$/);
  assert.equal(await playground.errorText(), null);
  assert.deepEqual(browser.problems, []);
});
