import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { ISOLATION_HEADERS } from "../server.mjs";
import { PlaygroundPage, sumOfSquares } from "../playground-page.mjs";

// The pool's bootstrap worker waits 17 s before it builds the pool: the page
// gives up on it at 15 s and runs without threads, then takes the pool when
// it comes.
let browser;
before(async () => {
  browser = await openBrowser();
  await browser.context.route("**/pool-bootstrap.js", async (route) => {
    const real = await (await route.fetch()).text();
    const late = real.replace(
      "buildPool(data.threads, generation);",
      "await new Promise((resolve) => setTimeout(resolve, 17_000));\n    buildPool(data.threads, generation);",
    );
    assert.notEqual(late, real, "the bootstrap's start was found");
    await route.fulfill({ contentType: "text/javascript", headers: ISOLATION_HEADERS, body: late });
  });
});
after(async () => browser?.close());

test("a pool that comes after the limit is taken: the badge says so and thread pools run for real again", async () => {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  const badge = page.getByTestId("pool-badge");
  await badge.filter({ hasText: "did not start" }).waitFor({ timeout: 30_000 });
  const meanwhile = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(meanwhile.report.mode, "virtual", "without the pool, threads on the virtual clock");
  let info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.threads, 0);
  assert.match(info.no_threads_because, /did not start within 15 s/);

  await badge.filter({ hasText: "worker threads" }).waitFor({ timeout: 30_000 });
  assert.match(await badge.textContent(), /^Cross-origin isolated · \d+ worker threads/);
  info = await page.evaluate(() => window.futuresLab.info());
  assert.ok(info.threads > 2, JSON.stringify(info));
  assert.equal(info.no_threads_because, null);
  const { report, error } = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(error, undefined);
  assert.equal(report.mode, "browser", "threads for real once the pool is up");
  assert.deepEqual(report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares));
  const problems = browser.problems.filter((p) => !p.includes("did not start within 15 s"));
  assert.deepEqual(problems, []);
});
