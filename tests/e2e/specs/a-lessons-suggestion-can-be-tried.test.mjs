import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("asyncio-cpu: the lesson's cooperative has a control, and trying it keeps the lesson, marked", async () => {
  const page = playground.page;
  await playground.goto("?preset=asyncio-cpu&lang=en");
  await playground.ready();
  const lesson = await page.getByTestId("lesson").textContent();
  assert.match(lesson, /Tick cooperative/);
  await playground.run();
  await playground.waitForRun();
  assert.deepEqual(await playground.order("completed"), [0, 1], "the small one waited for the big one");

  await page.getByTestId("cooperative").check();
  assert.equal(await page.getByTestId("lesson").count(), 1, "the lesson stays");
  assert.equal(await page.getByTestId("lesson-changed").count(), 1, "marked as changed");
  await playground.run();
  await playground.waitForRun();
  assert.deepEqual(await playground.order("completed"), [1, 0], "the small one ran at once");

  // Share keeps the example and the change.
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-url").inputValue();
  assert.match(link, /[?&]preset=asyncio-cpu&/);
  assert.match(link, /cooperative=true/);
  assert.deepEqual(browser.problems, []);
});

test("download-asyncio: return_exceptions has a control under gather", async () => {
  const page = playground.page;
  await playground.goto("?preset=download-asyncio&clock=virtual&lang=en");
  await playground.ready();
  assert.equal(await page.getByTestId("return-exceptions").isChecked(), true);
  await page.getByTestId("return-exceptions").uncheck();
  await playground.run();
  await playground.waitForRun();
  assert.match(await page.getByTestId("program-error").textContent(), /URLError/, "gather raised the failed site's error");
  assert.deepEqual(browser.problems, []);
});

test("the explanation follows the executor chosen, in both languages", async () => {
  const page = playground.page;
  await playground.goto("?preset=download-asyncio&lang=en");
  await playground.ready();
  const note = () => page.getByTestId("executor-note").textContent();
  assert.match(await note(), /^On asyncio each task is a coroutine on one thread/);
  assert.doesNotMatch(await page.getByTestId("explanation").textContent(), /lets go of the GIL/);
  await playground.chooseExecutor("threads");
  assert.match(await note(), /^On threads each task waits without using a CPU and lets go of the GIL/);
  await playground.goto("?workload=cpu_bound&executor=asyncio&lang=ko");
  assert.match(await note(), /^asyncio에서는 계산하는 코루틴이/);
  assert.deepEqual(browser.problems, []);
});

test("a Try button sets its change, runs it and keeps the lesson: the stream's four consumers stop the producer waiting", async () => {
  const page = playground.page;
  await playground.goto("?preset=stream-backpressure&lang=en&run=1");
  await playground.waitForRun();
  const blocked = await playground.stat("producer_blocked_ms");
  assert.ok(blocked > 0, `one consumer: the producer waited ${blocked} ms`);
  const tries = page.getByRole("group", { name: "Try:" });
  await tries.getByRole("button", { name: "Four consumers" }).click();
  await playground.waitForRun();
  assert.equal(await page.getByTestId("max-workers").inputValue(), "4");
  assert.equal(await page.getByTestId("lesson-changed").count(), 1, "the lesson stays, marked");
  assert.equal(await page.getByTestId("out-of-date").count(), 0, "what shows is the run of the change");
  const after = await playground.stat("producer_blocked_ms");
  assert.ok(after < blocked, `four consumers keep up: ${blocked} → ${after} ms`);
  // In Korean the buttons read in Korean.
  await playground.goto("?preset=asyncio-cpu&lang=ko");
  await playground.ready();
  assert.equal(await page.getByRole("group", { name: "바꿔 보기:" }).getByRole("button").first().textContent(), "cooperative 켜기");
  assert.deepEqual(browser.problems, []);
});
