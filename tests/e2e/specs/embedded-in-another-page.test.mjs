import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { serveTutorialParent } from "../tutorial-parent.mjs";

let browser;
let parent;
let blog;
before(async () => {
  browser = await openBrowser();
  parent = await serveTutorialParent(browser.baseUrl);
  // A blog that sends no isolation headers: the frame cannot be isolated.
  blog = await serveTutorialParent(browser.baseUrl, { headers: {} });
});
after(async () => {
  await browser?.close();
  await parent?.close();
  await blog?.close();
});

const received = (page, type) => page.evaluate((t) => window.received.filter((m) => m?.type === t), type);

test("the embed runs a scenario sent by postMessage and posts the report back", async () => {
  const page = await browser.newPage();
  await page.goto(`${parent.url}/`);
  assert.notEqual(new URL(parent.url).port, new URL(browser.baseUrl).port, "another origin");
  // Once up, the embed says how tall it is.
  await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:size" && m.height > 50), null, { timeout: 30_000 });
  const frame = page.frameLocator("#lab");
  await frame.getByTestId("embed").waitFor();
  assert.match(await frame.getByTestId("embed-query").textContent(), /workload=cpu_bound&inputs=1000,2000&executor=threads&max_workers=2/);
  const full = await frame.getByTestId("open-full").getAttribute("href");
  assert.match(full, /^\.\/\?workload=cpu_bound&inputs=1000%2C2000&executor=threads&max_workers=2&.*run=1/);

  // Malformed messages are ignored; a well-shaped one with a bad field is answered.
  await page.evaluate(() => {
    window.send("futures-lab:run");
    window.send({ type: "futures-lab:run", scenario: 5 });
    window.send({ type: "futures-lab:run", scenario: "executor=asyncio", extra: "<b>x</b>" });
    window.send({ type: "something-else", scenario: "executor=asyncio" });
    window.send({ type: "futures-lab:run", scenario: "max_workers=0" });
  });
  await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:error"));
  const [error] = await received(page, "futures-lab:error");
  assert.equal(error.error, 'max_workers: must be a whole number from 1 to 32 (got "0")');
  assert.deepEqual(await received(page, "futures-lab:report"), [], "nothing ran");

  await page.evaluate(() => (window.received = []));
  await page.evaluate(() => window.send({
    type: "futures-lab:run",
    scenario: { workload: "download", inputs: ["a.example@1500", "b.example@50"], executor: "threads", max_workers: 2 },
  }));
  // One run at a time: another run asked while this one goes on is refused.
  await frame.getByTestId("timeline").waitFor();
  await page.evaluate(() => window.send({ type: "futures-lab:run", scenario: "executor=asyncio" }));
  await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:error"));
  assert.match((await received(page, "futures-lab:error"))[0].error, /^a run is under way/);
  await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:report"), null, { timeout: 30_000 });
  assert.equal((await received(page, "futures-lab:report")).length, 1, "one report, for the run asked");
  const [{ report }] = await received(page, "futures-lab:report");
  assert.equal(report.scenario.workload, "download");
  assert.deepEqual(report.completion_order, [1, 0]);
  assert.equal(report.tasks.length, 2);
  assert.equal(report.environment.cross_origin_isolated, true, "real threads inside the iframe");
  // The embed shows the scenario it ran.
  assert.match(await frame.getByTestId("embed-query").textContent(), /workload=download/);
  await frame.getByTestId("wall-time").waitFor();
  assert.deepEqual(browser.problems, []);
});

test("in a page that is not isolated the embed says so and still runs asyncio and processes for real", async () => {
  const page = await browser.newPage();
  await page.goto(`${blog.url}/`);
  await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:size"), null, { timeout: 30_000 });
  const frame = page.frameLocator("#lab");
  await frame.getByTestId("isolation-notice").waitFor();
  for (const [executor, workers] of [["asyncio", ["MainThread"]], ["processes", ["SpawnProcess-1", "SpawnProcess-2"]]]) {
    await page.evaluate(() => (window.received = []));
    await page.evaluate((e) => window.send({
      type: "futures-lab:run",
      scenario: `workload=download&inputs=a.example@120,b.example@30&executor=${e}&max_workers=2`,
    }), executor);
    await page.waitForFunction(() => window.received.some((m) => m?.type === "futures-lab:report"), null, { timeout: 30_000 });
    const [{ report }] = await received(page, "futures-lab:report");
    assert.equal(report.environment.cross_origin_isolated, false, executor);
    assert.equal(report.mode, "browser", `${executor} for real`);
    assert.deepEqual(report.completion_order, [1, 0], executor);
    assert.deepEqual([...new Set(report.tasks.map((t) => t.worker))].sort(), workers, executor);
  }
  assert.deepEqual(browser.problems, []);
});

test("the tutorial pages embed three classic scenarios and size them", async () => {
  const page = await browser.newPage();
  for (const [file, lang] of [["tutorial.html", "en"], ["tutorial.ko.html", "ko"]]) {
    await page.goto(`${browser.baseUrl}/${file}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    const frames = page.locator("iframe.lab");
    assert.equal(await frames.count(), 3);
    // Each iframe is sized to what its playground reports.
    await page.waitForFunction(() => [...document.querySelectorAll("iframe.lab")].every((f) => f.style.height !== ""), null, { timeout: 60_000 });
  }
  // Run the second example through the page's button: it posts a scenario to the iframe.
  await page.goto(`${browser.baseUrl}/tutorial.html`);
  await page.waitForFunction(() => document.querySelectorAll("iframe.lab")[1].style.height !== "", null, { timeout: 60_000 });
  await page.getByRole("button", { name: "Run it on four processes instead" }).click();
  await page.waitForFunction(() => document.querySelector('.report[data-for="1"]').textContent.startsWith("This run:"), null, { timeout: 60_000 });
  assert.match(await page.locator('.report[data-for="1"]').textContent(), /^This run: \d+\.\d ms, finished in the order/);
  assert.deepEqual(browser.problems, []);
});
