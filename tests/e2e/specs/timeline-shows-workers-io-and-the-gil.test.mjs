import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

// Geometry of the canvas (src/timeline_layout.rs): a 22 px axis, then the GIL
// strip (10 px + 5 px gap) when there is one, then 14 px rows.
const AXIS = 22;
const GIL = 15;
const ROW = 14;

test("two threads under the GIL: two lanes, a GIL strip, and the future under the cursor", async () => {
  await playground.goto("?workload=cpu_bound&inputs=20000000,20000000,20000000,20000000&executor=threads&max_workers=2&gil=true&run=1");
  await playground.waitForRun();
  const timeline = await playground.timeline(AXIS + 5);
  assert.equal(timeline.lanes, 2);
  assert.ok(timeline.gil, "the GIL strip is shown");
  assert.ok(timeline.alphas.some((a) => a === 255), `someone holds the GIL mid-run: ${timeline.alphas}`);
  const tip = await playground.pointAtTimeline(0.5, AXIS + GIL + ROW / 2);
  assert.match(tip, /t = \d+\.\d\d ms/);
  assert.match(tip, /future #[0-3]/);
  assert.match(tip, /input: 20000000/);
  assert.match(tip, /worker: ThreadPoolExecutor-0_[01]/);
  const legend = await playground.page.getByTestId("timeline-legend").textContent();
  assert.match(legend, /waiting for the GIL/);
});

test("asyncio downloads: one event loop lane, a row per task in flight, I/O hatched", async () => {
  await playground.goto("?workload=download&inputs=a.example@300,b.example@300,c.example@300&executor=asyncio&run=1");
  await playground.waitForRun();
  const timeline = await playground.timeline(AXIS + ROW / 2);
  assert.equal(timeline.lanes, 1);
  assert.equal(timeline.gil, false);
  // Hatching: along one pixel row the stripes alternate with the pale tint.
  const distinct = new Set(timeline.alphas);
  assert.ok(distinct.size >= 2, `hatched, not solid: ${[...distinct]}`);
  assert.ok(timeline.alphas.every((a) => a > 0), "the wait covers the middle of the run");
  const third = await playground.pointAtTimeline(0.5, AXIS + 2 * ROW + ROW / 2);
  assert.match(third, /future #2/);
  // The keyboard walks the futures too.
  const page = playground.page;
  await page.mouse.move(0, 0);
  await page.getByTestId("timeline").locator("canvas").focus();
  await page.keyboard.press("ArrowRight");
  assert.match(await page.getByTestId("timeline-tip").textContent(), /future #0/);
  // Chosen with the keys, it is read out, and the canvas is described by its details.
  assert.match(await page.getByTestId("timeline-announce").textContent(), /^future #0: input a\.example@300, finished [\w-]+, duration [\d.]+ ms$/);
  assert.equal(await page.getByTestId("timeline").locator("canvas").getAttribute("aria-describedby"), "timeline-tip");
  await page.keyboard.press("ArrowRight");
  assert.match(await page.getByTestId("timeline-tip").textContent(), /future #1/);
  await page.keyboard.press("ArrowLeft");
  assert.match(await page.getByTestId("timeline-tip").textContent(), /future #0/);
  await page.keyboard.press("Escape");
  assert.equal(await page.getByTestId("timeline-tip").count(), 0);
});

test("a run of a thousand futures is shown a page of rows at a time", async () => {
  const inputs = Array.from({ length: 1000 }, (_, k) => 1000 + k).join(",");
  await playground.goto(`?workload=cpu_bound&inputs=${inputs}&executor=threads&max_workers=2&run=1`);
  await playground.waitForRun();
  const page = playground.page;
  assert.equal(await page.getByTestId("future-row").count(), 100);
  const pager = page.getByTestId("pager");
  assert.match(await pager.textContent(), /futures 1–100 of 1000/);
  await pager.getByRole("button", { name: "Next" }).click();
  assert.match(await pager.textContent(), /futures 101–200 of 1000/);
  const rows = await playground.futureRows();
  assert.equal(rows[0].input, "1100");
  assert.ok(rows.every((r) => r.state === "finished"));
  // The orders show their first 200 positions and how many more there are.
  assert.equal(await page.getByTestId("order-completed").locator("td.order").count(), 200);
  assert.equal(await page.getByTestId("order-completed").locator("td.more").textContent(), "+800");
  assert.deepEqual(browser.problems, []);
});
