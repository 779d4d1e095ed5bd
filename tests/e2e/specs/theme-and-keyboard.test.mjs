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
  // The focus stays on Run through the run, so Enter runs it again.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "run");
  // About a second of work: a second press lands while it runs.
  await playground.setInputs("1000000000,1000000000,1000");
  await page.getByTestId("run").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("[data-testid=run]")?.getAttribute("aria-disabled") === "true");
  await page.keyboard.press("Enter");
  await playground.waitForRun();
  await page.waitForTimeout(300);
  const rows = await playground.futureRows();
  assert.deepEqual(rows.map((r) => r.state), ["finished", "finished", "finished"], "a press while it ran started nothing");
  assert.equal(await page.getByTestId("run").getAttribute("aria-disabled"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "run");
  assert.deepEqual(browser.problems, []);
});

test("state badges, marked orders and muted text keep a 4.5:1 contrast in both themes", async () => {
  const page = playground.page;
  await playground.goto("?workload=download&inputs=a.example@5,b.invalid@5,c.example@2000,d.example@5&executor=threads&max_workers=1&run=1");
  await page.locator('[data-testid="future-row"][data-state="running"]').first().waitFor();
  for (const theme of ["light", "dark"]) {
    await page.getByTestId("theme").selectOption(theme);
    const ratios = await page.evaluate(() => {
      const rgb = (text) => text.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
      const luminance = ([r, g, b]) => {
        const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => {
        const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const body = getComputedStyle(document.body).backgroundColor;
      const pairs = [...document.querySelectorAll(".state, .orders td.order.moved")].map((el) => {
        const style = getComputedStyle(el);
        return [el.className, ratio(style.color, style.backgroundColor)];
      });
      for (const el of document.querySelectorAll(".hint, .tagline, .muted")) pairs.push([el.className, ratio(getComputedStyle(el).color, body)]);
      return pairs;
    });
    const states = new Set(ratios.map(([name]) => name));
    assert.ok(states.has("state running") && states.has("state finished") && states.has("state failed") && states.has("state pending"), [...states].join());
    for (const [name, value] of ratios) assert.ok(value >= 4.5, `${theme}: ${name} has ${value.toFixed(2)}:1`);
  }
  await page.getByTestId("theme").selectOption("system");
  await playground.waitForRun();
});
