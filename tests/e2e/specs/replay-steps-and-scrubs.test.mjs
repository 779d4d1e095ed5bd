import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const states = async () => (await playground.futureRows()).map((r) => r.state).join();
const status = () => playground.page.getByTestId("player-status").textContent();

test("a finished run replays: start, step, end, and every view follows the moment", async () => {
  const page = playground.page;
  await playground.goto("?workload=download&inputs=a.example@100,b.example@300,c.example@150&executor=threads&max_workers=2&run=1");
  await playground.waitForRun();
  assert.equal(await states(), "finished,finished,finished");
  const player = page.getByTestId("player");
  assert.match(await status(), /event (\d+) \/ \1:/, "shown at its end");
  await player.getByRole("button", { name: "To the start" }).click();
  assert.equal(await states(), "pending,pending,pending");
  assert.match(await status(), /^t = 0\.00 \/ [\d,]+\.\d\d ms · event 0 \//);
  assert.equal(await page.getByTestId("player-counts").textContent(), "pending 3");
  assert.equal((await playground.timeline()).lanes, 0, "no worker has started yet");
  assert.deepEqual(await playground.order("completed"), [], "as_completed has yielded nothing yet");
  // Keys: step forward until the first future starts, then back once.
  await player.focus();
  let stepped = 0;
  while (!(await states()).startsWith("running") && stepped < 10) {
    await page.keyboard.press("ArrowRight");
    stepped += 1;
  }
  assert.match(await status(), /started #0/);
  await page.keyboard.press("ArrowLeft");
  assert.ok((await states()).startsWith("pending"), "stepping back goes back");
  await page.keyboard.press("ArrowRight");
  assert.ok((await states()).startsWith("running"));
  await page.keyboard.press("End");
  assert.equal(await states(), "finished,finished,finished");
  assert.deepEqual(await playground.order("completed"), [0, 2, 1], "a at 100 ms, c at 250, b at 300");
  assert.equal((await playground.timeline()).lanes, 2);
});

test("pressing on the timeline scrubs to that moment; play runs to the end", async () => {
  const page = playground.page;
  const canvas = page.getByTestId("timeline").locator("canvas");
  const box = await canvas.boundingBox();
  // The plot starts after the worker names: press at ~45 % of the run (~135 ms of ~300).
  const plotLeft = box.x + Math.min(150, Math.max(64, box.width * 0.22));
  const plotWidth = box.x + box.width - 8 - plotLeft;
  await page.mouse.click(plotLeft + plotWidth * 0.45, box.y + 30);
  const t = Number((await status()).match(/^t = ([\d,]+\.\d\d)/)[1].replaceAll(",", ""));
  assert.ok(t > 100 && t < 200, `scrubbed to ${t} ms`);
  assert.equal(await states(), "finished,running,running", "a (100 ms) is done, b and c run");
  assert.deepEqual(await playground.order("completed"), [0], "the order forms as the replay goes");
  assert.equal(await page.getByTestId("player-counts").textContent(), "running 2 · finished 1");
  await page.getByTestId("speed").selectOption("1");
  await page.getByTestId("player").getByRole("button", { name: "Play" }).click();
  await page.getByTestId("player").getByRole("button", { name: "Play" }).waitFor({ timeout: 10_000 });
  assert.equal(await states(), "finished,finished,finished");
  assert.match(await status(), /event (\d+) \/ \1:/);
  assert.deepEqual(browser.problems, []);
});

test("a link with t= opens the replay at that moment, and Share keeps the moment", async () => {
  const page = playground.page;
  await playground.goto("?workload=download&inputs=a.example@100,b.example@300,c.example@150&executor=threads&max_workers=2&run=1&t=120");
  await playground.waitForRun();
  assert.match(await status(), /^t = 120\.00 \//);
  assert.equal(await states(), "finished,running,running");
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByTestId("share-url").inputValue();
  assert.match(link, /&t=120\.000$/);
});

test("slow motion: the views follow the run at 1/10×, then the replay plays on", async () => {
  const page = playground.page;
  await playground.goto("?workload=download&inputs=a.example@100,b.example@200,c.example@300&executor=threads&max_workers=3");
  await page.getByTestId("slow-motion").check();
  await playground.run();
  await playground.waitForRun();
  // The run took ~300 ms; at 1/10× the views are still near its start.
  assert.notEqual(await states(), "finished,finished,finished");
  assert.equal(await page.getByTestId("player").getByRole("button", { name: "Pause" }).count(), 1, "playing on");
  await page.getByTestId("speed").selectOption("10");
  await page.getByTestId("player").getByRole("button", { name: "Play" }).waitFor({ timeout: 10_000 });
  assert.equal(await states(), "finished,finished,finished");
  await page.getByTestId("slow-motion").uncheck();
});
