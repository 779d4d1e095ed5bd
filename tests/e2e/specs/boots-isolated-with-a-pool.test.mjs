import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { PlaygroundPage } from "../playground-page.mjs";

let browser;
before(async () => (browser = await openBrowser()));
after(async () => browser?.close());

test("the page boots isolated, with a pool of at least 32 threads and no errors", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  const info = await playground.ready();
  assert.equal(await playground.page.evaluate(() => crossOriginIsolated), true);
  assert.equal(info.cross_origin_isolated, true);
  assert.ok(info.threads >= 32, `pool has ${info.threads} threads`);
  assert.equal(info.mode, "browser");
  assert.deepEqual(info.executors, ["sequential", "threads", "processes", "asyncio"]);
  assert.ok(info.workloads.includes("cpu_bound"));
  await playground.badge().filter({ hasText: "worker threads" }).waitFor();
  assert.match(await playground.badge().textContent(), /Cross-origin isolated · \d+ worker threads/);
  assert.deepEqual(browser.problems, []);
});
