import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("the theme menu turns the page dark or light, and the choice is remembered", async () => {
  const page = playground.page;
  await page.getByTestId("theme").selectOption("dark");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.equal(await background(page), "rgb(20, 23, 28)");
  await page.reload();
  await page.getByTestId("theme").waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  assert.equal(await background(page), "rgb(20, 23, 28)");
  await page.getByTestId("theme").selectOption("light");
  assert.equal(await background(page), "rgb(247, 247, 244)");
  await page.getByTestId("theme").selectOption("system");
  assert.equal(await page.getAttribute("html", "data-theme"), null);
});

test("the keyboard reaches Run with a visible focus, and Enter runs the scenario", async () => {
  const page = playground.page;
  await playground.goto("?workload=cpu_bound&inputs=1000,2000&executor=threads&max_workers=2");
  await playground.ready();
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  let reached = false;
  for (let presses = 0; presses < 40 && !reached; presses++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.dataset.testid === "run");
  }
  assert.ok(reached, "Run is reachable by Tab");
  const cpus = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(await page.getByTestId("max-workers-default").textContent(),
    `Python's default here: min(32, os.cpu_count() + 4) = min(32, ${cpus} + 4) = ${Math.min(32, cpus + 4)}`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused control shows it");
  await page.keyboard.press("Enter");
  await playground.waitForRun();
  assert.deepEqual((await playground.futureRows()).map((r) => r.result), ["332833500", "2664667000"]);
  assert.deepEqual(browser.problems, []);
});
