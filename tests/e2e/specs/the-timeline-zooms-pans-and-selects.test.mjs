import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

/** The stretch the timeline shows, in ns. */
async function shown(page) {
  const span = page.getByTestId("timeline-shown");
  return { from: Number(await span.getAttribute("data-from-ns")), to: Number(await span.getAttribute("data-to-ns")) };
}

/** The canvas, its box and the plot's left and width (the gutter is 22% of
 * the width, between 64 and 150 px: src/timeline_layout.rs). */
async function plot(page) {
  const canvas = page.getByTestId("timeline").locator("canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const gutter = Math.min(150, Math.max(64, box.width * 0.22));
  return { canvas, box, left: box.x + gutter, width: box.width - gutter - 8 };
}

test("the GIL run: zoom with the buttons, the keys and Ctrl + wheel, move along, and back to the whole", async () => {
  const page = playground.page;
  await playground.goto("?workload=cpu_bound&inputs=20000000,20000000&executor=threads&max_workers=2&gil=true&run=1");
  await playground.waitForRun();
  const whole = await shown(page);
  assert.equal(whole.from, 0);
  const tools = page.getByRole("group", { name: "Timeline zoom" });
  assert.ok(await tools.getByRole("button", { name: "Whole run" }).isDisabled(), "nothing to go back to yet");
  await tools.getByRole("button", { name: "Zoom in" }).click();
  const zoomed = await shown(page);
  assert.ok(Math.abs((zoomed.to - zoomed.from) - (whole.to - whole.from) / 2) <= 2, `half as wide: ${JSON.stringify(zoomed)}`);
  assert.match(await page.getByTestId("timeline-shown").textContent(), /^Showing [\d,.]+–[\d,.]+ ms of [\d,.]+ ms$/);
  // Keys on the focused canvas: + zooms in again, Shift + → moves later.
  const { canvas, box, left, width } = await plot(page);
  await canvas.focus();
  await page.keyboard.press("+");
  const quarter = await shown(page);
  assert.ok(quarter.to - quarter.from < (zoomed.to - zoomed.from) * 0.51);
  await page.keyboard.press("Shift+ArrowRight");
  const later = await shown(page);
  assert.ok(later.from > quarter.from, `moved later: ${quarter.from} → ${later.from}`);
  assert.equal(later.to - later.from, quarter.to - quarter.from, "its width kept");
  // Dragging the time axis to the right moves earlier.
  await page.mouse.move(left + width / 2, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(left + width / 2 + 60, box.y + 8, { steps: 4 });
  await page.mouse.up();
  const dragged = await shown(page);
  assert.ok(dragged.from < later.from, `the axis dragged right shows earlier: ${later.from} → ${dragged.from}`);
  // Ctrl + wheel down zooms out about the pointer; the page does not zoom or scroll.
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.mouse.move(left + width / 2, box.y + 40);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, 400);
  await page.keyboard.up("Control");
  await page.waitForFunction((before) => {
    const span = document.querySelector("[data-testid=timeline-shown]");
    return Number(span.dataset.toNs) - Number(span.dataset.fromNs) > before;
  }, dragged.to - dragged.from);
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, "the wheel zoomed the timeline, not the page");
  await tools.getByRole("button", { name: "Whole run" }).click();
  assert.deepEqual(await shown(page), whole);
  // Zoomed far in, the axis labels have the decimals their step needs.
  for (let i = 0; i < 12; i++) await tools.getByRole("button", { name: "Zoom in" }).click();
  const narrow = await shown(page);
  assert.ok(narrow.to - narrow.from < (whole.to - whole.from) / 1000, JSON.stringify(narrow));
  await tools.getByRole("button", { name: "Whole run" }).click();
  assert.deepEqual(browser.problems, []);
});

test("dragging across the plot selects a stretch and says what happened in it; a click moves the replay", async () => {
  const page = playground.page;
  await playground.goto("?workload=cpu_bound&inputs=20000000,20000000&executor=threads&max_workers=2&gil=true&run=1");
  await playground.waitForRun();
  const first = await plot(page);
  const { left, width } = first;
  let y = first.box.y + 45;
  await page.mouse.move(left + width * 0.1, y);
  await page.mouse.down();
  await page.mouse.move(left + width * 0.6, y, { steps: 5 });
  await page.mouse.up();
  const range = page.getByTestId("timeline-range");
  const summary = await range.locator("p").textContent();
  // Two threads under the GIL: one computes while the other waits for it.
  const match = summary.match(/^([\d,.]+)–([\d,.]+) ms \(([\d,.]+) ms\): computing ([\d,.]+) ms, waiting for the GIL ([\d,.]+) ms · (\d+) futures ran, (\d+) started, (\d+) ended · parallelism ([\d.]+)×$/);
  assert.ok(match, summary);
  const number = (text) => Number(text.replaceAll(",", ""));
  const [, , , span, computing, gil, ran, , , parallelism] = match;
  // From a tenth to six tenths of the plot, over five moves (each of which
  // draws the view again): half of what it shows.
  const whole = await shown(page);
  const half = (whole.to - whole.from) / 2e6;
  assert.ok(Math.abs(number(span) - half) <= 0.1 * half, `the stretch follows the whole drag: ${summary}, half the view ${half} ms`);
  assert.equal(Number(ran), 2);
  assert.ok(number(parallelism) <= 1.01, `one thread at a time: ${summary}`);
  assert.ok(number(gil) > 0.5 * number(span), `the other waited: ${summary}`);
  // Someone computed nearly all along: a hand-over waits for the OS to wake the next holder,
  // which on a loaded 2-core machine has taken up to a fifth of a short stretch (CI, once).
  assert.ok(Math.abs(number(computing) - number(span)) <= 0.25 * number(span), `someone computed nearly all along: ${summary}`);
  // Zoom to it: the view is the selection, and the selection is gone.
  await range.getByRole("button", { name: "Zoom to selection" }).click();
  assert.equal(await range.count(), 0);
  const view = await shown(page);
  const wanted = number(span) * 1e6;
  assert.ok(Math.abs((view.to - view.from) - wanted) <= wanted * 0.02, `${JSON.stringify(view)} vs ${wanted}`);
  // A click (no drag) moves the replay to that moment.
  const { box, left: left2, width: width2 } = await plot(page);
  y = box.y + 45;
  await page.mouse.click(left2 + width2 / 2, y);
  const status = await page.getByTestId("player-status").textContent();
  const t = Number(status.match(/^t = ([\d,]+\.\d\d)/)[1].replaceAll(",", "")) * 1e6;
  assert.ok(t >= view.from - 1e5 && t <= view.to + 1e5, `the replay went into the view: ${t} in ${JSON.stringify(view)}`);
  // Escape on the canvas clears a selection.
  // (The stage keeps its layout while the replay moves: the canvas is
  // where it was.)
  const again = await plot(page);
  assert.equal(again.box.y, box.y, "nothing above the timeline moved");
  await page.mouse.move(left2 + width2 * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(left2 + width2 * 0.4, y, { steps: 3 });
  await page.mouse.up();
  assert.equal(await range.count(), 1);
  await page.getByTestId("timeline").locator("canvas").focus();
  await page.keyboard.press("Escape");
  assert.equal(await range.count(), 0);
});

test("the Korean page names the zoom tools and the selection in Korean", async () => {
  const page = playground.page;
  await playground.goto("?lang=ko&workload=download&inputs=a.example@100,b.example@300&executor=asyncio&run=1");
  await playground.waitForRun();
  const tools = page.getByRole("group", { name: "타임라인 확대" });
  await tools.getByRole("button", { name: "확대", exact: true }).click();
  assert.match(await page.getByTestId("timeline-shown").textContent(), /^전체 [\d,.]+ ms 중 [\d,.]+–[\d,.]+ ms 표시$/);
  const { box, left, width } = await plot(page);
  await page.mouse.move(left + width * 0.2, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(left + width * 0.8, box.y + 30, { steps: 4 });
  await page.mouse.up();
  assert.match(await page.getByTestId("timeline-range").textContent(), /I\/O 대기 [\d,.]+ ms · 퓨처 \d+개 실행/);
});

test("the player: Space presses a focused button, the slider reads in ms", async () => {
  const page = playground.page;
  await playground.goto("?lang=en&workload=download&inputs=a.example@100,b.example@300,c.example@150&executor=threads&max_workers=2&run=1");
  await playground.waitForRun();
  const player = page.getByTestId("player");
  const toStart = player.getByRole("button", { name: "To the start" });
  await toStart.focus();
  await page.keyboard.press("Space");
  assert.match(await page.getByTestId("player-status").textContent(), /^t = 0\.00 \//, "Space pressed To the start");
  assert.equal(await player.getByRole("button", { name: "Play" }).count(), 1, "and did not start playing");
  const slider = page.getByTestId("moment");
  assert.match(await slider.getAttribute("aria-valuetext"), /^t = 0\.00 \/ [\d,]+\.\d\d ms$/);
  const max = Number(await slider.getAttribute("max"));
  assert.ok(max > 250 && max < 2000, `the slider's end is the run's end in ms: ${max}`);
  await player.getByRole("button", { name: "To the end" }).click();
  assert.equal(await player.getByTestId("player-status").getAttribute("aria-live"), "polite");
});

test("the stage keeps its place as the replay moves: the statistics and charts keep their room", async () => {
  const page = playground.page;
  await playground.goto("?lang=en&preset=stream-backpressure&run=1");
  await playground.waitForRun();
  const canvas = page.getByTestId("timeline").locator("canvas");
  const at = async () => (await canvas.boundingBox()).y + (await page.evaluate(() => window.scrollY));
  const end = await at();
  assert.equal(await page.getByTestId("queue-chart").isVisible(), true);
  await page.getByTestId("player").getByRole("button", { name: "To the start" }).click();
  assert.equal(await page.getByTestId("queue-chart").isVisible(), false, "the whole run's chart waits for the end");
  assert.equal(await at(), end, "the timeline did not move");
  await page.getByTestId("player").getByRole("button", { name: "To the end" }).click();
  assert.equal(await at(), end);
  assert.deepEqual(browser.problems, []);
});
