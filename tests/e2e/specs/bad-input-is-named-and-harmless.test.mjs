import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { PlaygroundPage } from "../playground-page.mjs";

let browser;
before(async () => (browser = await openBrowser()));
after(async () => browser?.close());

const CASES = [
  ["max_workers=0", /^max_workers: must be a whole number from 1 to 32 \(got "0"\)$/],
  ["max_workers=100000", /^max_workers: must be a whole number from 1 to 32 \(got "100000"\)$/],
  ["executor=nope", /^executor: must be one of sequential, threads, processes, asyncio \(got "nope"\)$/],
  ["inputs=abc", /^inputs: each input must be a whole number from 0 to 1000000000 \(got "abc"\)$/],
];

for (const [query, message] of CASES) {
  test(`URL ${query} shows a message naming the field, and the page still runs`, async () => {
    const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
    await playground.goto(`?${query}&run=1`);
    await playground.ready();
    await playground.page.getByRole("alert").waitFor();
    // The field goes back to its default, and the page says which and why.
    const shown = await playground.errorText();
    assert.match(shown, /^This link's scenario had problems, so these fields are back at their defaults: /);
    assert.match(shown, new RegExp(message.source.replace(/^\^/, "")));
    // The page keeps working: fix the input and run.
    await playground.chooseExecutor("threads");
    await playground.setMaxWorkers(2);
    await playground.setInputs("100,200");
    await playground.run();
    await playground.waitForRun();
    assert.equal(await playground.errorText(), null);
    assert.deepEqual((await playground.futureRows()).map((r) => r.state), ["finished", "finished"]);
  });

  test(`futuresLab.run("${query}") rejects with an Error naming the field`, async () => {
    const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
    await playground.goto();
    await playground.ready();
    const { error, isError } = await playground.apiRun(query);
    assert.equal(isError, true);
    assert.match(error, message);
  });
}

test("a bad scenario object is rejected by field, then a good one runs", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  await playground.ready();
  const bad = await playground.apiRun({ max_workers: -1 });
  assert.match(bad.error, /^max_workers: must be a whole number from 1 to 32/);
  const unknown = await playground.apiRun({ workers: 2 });
  assert.match(unknown.error, /^workers: is not a scenario field/);
  const good = await playground.apiRun({ inputs: [10], executor: "sequential" });
  assert.equal(good.report.tasks[0].result, 285);
  assert.deepEqual(browser.problems, []);
});

test("a bad value is named beside its field as it is typed, and Run then runs nothing", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  await playground.ready();
  const page = playground.page;
  await playground.setMaxWorkers(40);
  const beside = page.getByTestId("error-max_workers");
  await beside.waitFor();
  assert.match(await beside.textContent(), /^must be a whole number from 1 to 32 \(got "40"\)$/);
  assert.equal(await page.getByTestId("max-workers").getAttribute("aria-invalid"), "true");
  await playground.run();
  await page.getByRole("alert").waitFor();
  assert.match(await playground.errorText(), /^max_workers: /);
  assert.equal(await page.getByTestId("future-row").count(), 0, "nothing ran");
  await playground.setMaxWorkers(4);
  await beside.waitFor({ state: "detached" });
  assert.equal(await playground.errorText(), null, "the corrected form clears the complaint");

  // A workload parameter: each has a field, its default as placeholder.
  await playground.chooseWorkload("points");
  const lookup = page.getByTestId("param-lookup_ms");
  assert.equal(await lookup.getAttribute("placeholder"), "5");
  await lookup.fill("5000");
  const besideParam = page.getByTestId("error-params.lookup_ms");
  await besideParam.waitFor();
  assert.match(await besideParam.textContent(), /^must be a whole number of ms from 0 to 1000 \(got "5000"\)$/);
  assert.equal(await lookup.getAttribute("aria-invalid"), "true");
  await playground.run();
  assert.equal(await page.getByTestId("future-row").count(), 0, "nothing ran");
  await lookup.fill("1");
  await page.getByTestId("param-cache").fill("locked");
  await playground.run();
  await playground.waitForRun();
  assert.equal(await playground.stat("lost_updates"), 0);
  assert.match(await page.getByTestId("code").textContent(), /lookup_ms|LOOKUP/i, "the program has the parameter");
});

test("a bad page key in a link (t, preset, lang) is named and the link does not run", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  for (const [query, message] of [
    ["t=soon", /^t: must be a moment in ms, 0 or more \(got "soon"\)$/],
    ["preset=nope", /^preset: must be one of cpu-threads, .* \(got "nope"\)$/],
  ]) {
    await playground.goto(`?workload=cpu_bound&inputs=10,20&${query}&run=1`);
    await playground.ready();
    await playground.page.getByRole("alert").waitFor();
    assert.match(await playground.errorText(), message);
    assert.equal(await playground.page.getByTestId("future-row").count(), 0, "nothing ran");
  }
});

test("a hostile link is shown as text, its bad fields go back to their defaults, and it does not run", async () => {
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  const page = playground.page;
  const hostile = new URLSearchParams({
    workload: '<img src=x onerror="window.__injected=1">',
    max_workers: "9".repeat(40),
    inputs: "1,2",
    "<b>key</b>": "<script>window.__injected=2</script>",
    gil: "true",
    run: "1",
  });
  await playground.goto(`?${hostile}`);
  await playground.ready();
  await page.getByRole("alert").waitFor();
  const shown = await playground.errorText();
  assert.match(shown, /back at their defaults: /);
  assert.ok(shown.includes("<b>key</b>: is not a scenario field"), shown);
  assert.ok(shown.includes("workload: must be one of sum_generator"), shown);
  assert.ok(shown.includes('(got "<img src=x onerror=\\"window.__injected=1\\">")'), shown);
  assert.ok(shown.includes(`max_workers: must be a whole number from 1 to 32 (got "${"9".repeat(40)}")`), shown);
  // Rendered as text: no element came from the link, nothing ran.
  assert.equal(await page.evaluate(() => document.querySelectorAll("img[src=x], b").length), 0);
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.equal(await page.getByTestId("wall-time").count(), 0, "a repaired link does not run");
  // The defaults, with the good fields kept.
  assert.equal(await page.getByLabel("Workload").inputValue(), "cpu_bound");
  assert.equal(await page.getByLabel("max_workers").inputValue(), "2");
  assert.equal(await page.getByTestId("gil").isChecked(), true);
  // And it runs when asked.
  await playground.run();
  await playground.waitForRun();
  assert.deepEqual((await playground.futureRows()).map((r) => r.state), Array(20).fill("finished"));
  assert.deepEqual(browser.problems, []);
});
