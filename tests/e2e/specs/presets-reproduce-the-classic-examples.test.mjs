import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

/** Chooses the example, runs it, and returns its futures' rows. */
async function runPreset(id) {
  const lesson = await playground.choosePreset(id);
  assert.ok(lesson.length > 20, `${id} says what to look for`);
  await playground.run();
  await playground.waitForRun();
  return playground.futureRows();
}

test("map over the big primes returns in input order and computes the repeated number twice", async () => {
  const rows = await runPreset("primes-map");
  assert.deepEqual(await playground.order("results"), rows.map((_, i) => i));
  const repeated = rows.filter((r) => r.input === rows[0].input);
  assert.equal(repeated.length, 2);
  assert.ok(repeated.every((r) => r.state === "finished" && r.result === repeated[0].result));
  assert.equal(await playground.page.getByTestId("executor").inputValue(), "processes");
});

test("the download example: the made-up domain fails its own future, the rest finish, out of order", async () => {
  const rows = await runPreset("download-threads");
  const failed = rows.filter((r) => r.state === "failed");
  assert.equal(failed.length, 1);
  assert.match(failed[0].result, /^URLError/);
  assert.equal(rows.filter((r) => r.state === "finished").length, rows.length - 1);
  assert.notDeepEqual(await playground.order("completed"), await playground.order("submitted"));
});

test("wait: FIRST_EXCEPTION returns at the failure, a timeout returns what is done", async () => {
  const page = playground.page;
  await runPreset("download-first-exception");
  assert.match(await page.getByTestId("wait-reason").textContent(), /^FIRST_EXCEPTION/);
  assert.notEqual(await page.getByTestId("wait-not-done").textContent(), "{}");
  await runPreset("download-timeout");
  assert.match(await page.getByTestId("wait-reason").textContent(), /^timeout \(1\d\d\.\d ms\)/);
  assert.notEqual(await page.getByTestId("wait-not-done").textContent(), "{}");
});

test("a CPU-bound coroutine holds the loop: the small task ends after the big one", async () => {
  const rows = await runPreset("asyncio-cpu");
  assert.deepEqual(await playground.order("completed"), [0, 1]);
  assert.deepEqual(rows.map((r) => r.state), ["finished", "finished"]);
});

test("the shared cache: without a lock updates are lost, with one there is one conversion", async () => {
  await runPreset("points-race");
  assert.ok((await playground.stat("lost_updates")) > 0, "the race loses updates");
  assert.ok((await playground.stat("duplicate_conversions")) > 0);
  await runPreset("points-locked");
  assert.equal(await playground.stat("lost_updates"), 0);
  assert.equal(await playground.stat("hits"), 7);
});

test("the GIL, the big integer and the stream's backpressure", async () => {
  await runPreset("cpu-gil");
  assert.equal((await playground.timeline()).gil, true);
  const [power] = await runPreset("power");
  assert.equal(power.result.length, 3099);
  // Its 3,099 digits fold to their start; opened, the whole of them, and Copy copies them.
  const long = playground.page.getByTestId("long-result");
  assert.match(await long.locator("summary").textContent(), /^\d{40}… \(3,099 characters\)$/);
  await long.locator("summary").click();
  assert.equal(await long.getByTestId("long-result-text").textContent(), power.result);
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await long.getByRole("button", { name: "Copy" }).click();
  await long.getByRole("button", { name: "Copied" }).waitFor();
  assert.equal(await playground.page.evaluate(() => navigator.clipboard.readText()), power.result);
  await runPreset("stream-backpressure");
  assert.ok((await playground.stat("producer_blocked_ms")) > 0, "the producer waited for room");
  // A queue deeper than its capacity (for a moment, as CPython's) is explained.
  const deepest = await playground.stat("max_queue_depth");
  assert.equal(await playground.page.getByTestId("queue-over-capacity").count(), deepest > 8 ? 1 : 0, `deepest ${deepest}`);
  const p50 = await playground.stat("latency_ms.p50");
  const p99 = await playground.stat("latency_ms.p99");
  assert.ok(p50 > 0 && p99 >= p50, `latency p50 ${p50} ≤ p99 ${p99}`);
  assert.equal(await playground.page.getByTestId("queue-chart").locator("svg path, svg polyline").count() > 0, true);
  await runPreset("cpu-processes");
  assert.equal(await playground.stat("workers_started"), 2);
  assert.ok((await playground.stat("bytes_sent")) > 0);
  assert.match(await playground.page.getByTestId("stat-start_ms").locator("dd").textContent(), /^\d+\.\d, \d+\.\d$/);
  assert.deepEqual(browser.problems, []);
});
