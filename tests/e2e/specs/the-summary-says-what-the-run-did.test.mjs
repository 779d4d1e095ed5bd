import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

// Four tasks of 35 ms each at CPython's speed, on four threads under the GIL.
const GIL = "workload=cpu_bound&inputs=1000000,1000000,1000000,1000000&executor=threads&max_workers=4&gil=true&clock=virtual&cpus=4&op_ns=35";
const text = (testId) => playground.page.getByTestId(testId).textContent();

test("CPU time counts computing only: under the GIL four threads give parallelism 1.00×, and a sentence says why", async () => {
  const page = playground.page;
  await playground.goto(`?${GIL}&run=1&t=70`);
  await playground.waitForRun();
  await page.waitForFunction(() => document.querySelector("[data-testid=wall-time]")?.textContent === "70.0 ms");
  // One thread computed at a time: 70 ms of CPU in 70 ms, not four times that.
  assert.equal(await text("cpu-time"), "70.0 ms");
  assert.equal(await page.getByTestId("gist").isVisible(), false, "the finding waits for the end");
  await page.getByTestId("player").getByRole("button", { name: "To the end" }).click();
  await page.getByTestId("gist").waitFor();
  assert.equal(await text("cpu-time"), "140.0 ms");
  assert.match(await text("gist"), /^The GIL let one of the 4 threads compute at a time; the others waited for it: parallelism 1\.00×\.$/);
  // The legend names the wait the timeline draws.
  assert.match(await text("timeline-legend"), /waiting for the GIL/);

  await page.getByTestId("gil").uncheck();
  await playground.run();
  await page.waitForFunction(() => document.querySelector("[data-testid=wall-time]")?.textContent === "35.0 ms");
  assert.match(await text("gist"), /^4 workers computed at the same time: parallelism 4\.00×\.$/);
  assert.deepEqual(browser.problems, []);
});

test("downloads wait rather than compute, and the sentence says how many waited at once, in Korean too", async () => {
  const page = playground.page;
  const downloads = "workload=download&executor=asyncio&api=gather&return_exceptions=true&clock=virtual";
  await playground.goto(`?${downloads}&run=1`);
  await playground.waitForRun();
  await page.getByTestId("gist").waitFor();
  const sentence = await text("gist");
  const [, atOnce] = sentence.match(/^Up to (\d+) tasks waited for I\/O at once on 1 thread; they hardly computed: parallelism 0\.\d\d×\.$/) ?? [];
  assert.ok(Number(atOnce) >= 10, sentence);
  await playground.goto(`?${downloads}&lang=ko&run=1`);
  await playground.waitForRun();
  await page.getByTestId("gist").waitFor();
  assert.match(await text("gist"), /^워커 1개에서 작업이 최대 \d+개까지 동시에 I\/O를 기다렸고, 계산은 거의 하지 않았습니다\. 병렬도 0\.\d\d×\.$/);
  assert.deepEqual(browser.problems, []);
});

test("a cooperative coroutine's turns on the event loop are drawn and named", async () => {
  const page = playground.page;
  await playground.goto("?workload=cpu_bound&executor=asyncio&inputs=3000000,3000000&cooperative=true&clock=virtual&lang=en&run=1");
  await playground.waitForRun();
  await page.getByTestId("gist").waitFor();
  assert.match(await text("timeline-legend"), /waiting for its turn on the event loop/);
  const parallelism = await page.getByTestId("summary").evaluate((dl) => dl.textContent.match(/(\d+\.\d\d)×/)[1]);
  assert.ok(Number(parallelism) <= 1.0, `one thread: ${parallelism}`);
  assert.deepEqual(browser.problems, []);
});
