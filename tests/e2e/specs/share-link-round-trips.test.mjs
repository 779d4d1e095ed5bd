import assert from "node:assert/strict";
import { test } from "node:test";

import { openPlayground } from "../browser.mjs";

test("Share puts the scenario in the address bar, and the link reproduces it", async () => {
  const { browser, playground } = await openPlayground();
  try {
    const page = playground.page;
    await playground.chooseWorkload("points");
    await playground.chooseExecutor("asyncio");
    await playground.setInputs("1000,2500,-5");
    await page.getByTestId("api").selectOption("gather");
    await page.getByTestId("timeout").fill("5");
    // Lookups long enough that no stall of a loaded machine lets them end
    // before the program sees the failure (the default is 5 ms).
    await page.getByTestId("param-lookup_ms").fill("300");
    await page.getByTestId("share").click();
    const link = await page.getByTestId("share-url").inputValue();
    assert.ok(link.startsWith(browser.baseUrl), link);
    assert.equal(new URL(page.url()).search, new URL(link).search, "the address bar holds the scenario");
    for (const part of ["workload=points", "executor=asyncio", "inputs=1000%2C2500%2C-5", "api=gather", "timeout_s=5", "lookup_ms%3A300", "lang=en", "run=1"]) {
      assert.ok(link.includes(part), `${part} in ${link}`);
    }
    // Someone opens the link.
    await page.goto("about:blank");
    await page.goto(link);
    await playground.waitForRun();
    assert.equal(await page.getByLabel("Workload").inputValue(), "points");
    assert.equal(await page.getByLabel("Executor").inputValue(), "asyncio");
    assert.equal(await page.getByTestId("inputs").inputValue(), "1000,2500,-5");
    assert.equal(await page.getByTestId("api").inputValue(), "gather");
    assert.equal(await page.getByTestId("timeout").inputValue(), "5");
    // gather raises the first error at once; leaving asyncio.run cancels
    // the two conversions still waiting for their lookup.
    const rows = await playground.futureRows();
    assert.deepEqual(rows.map((r) => r.state), ["cancelled", "cancelled", "failed"]);
    assert.match(await page.getByTestId("program-error").textContent(), /ValueError: points must not be negative/);
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});

test("Share says when the link is on the clipboard", async () => {
  const { browser, playground } = await openPlayground();
  try {
    const page = playground.page;
    await playground.goto("?lang=en&workload=cpu_bound&inputs=1000,2000&executor=threads");
    await playground.ready();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByTestId("share").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=shared]")?.textContent.startsWith("Copied to the clipboard:"));
    assert.equal(await page.getByTestId("shared").getAttribute("role"), "status");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.getByTestId("share-url").inputValue());
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});
