import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

// axe-core from the npm lockfile, run in the page: every WCAG 2.1 A and AA
// rule and axe's best practices.
const AXE = readFileSync(new URL("../../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

/** axe's violations on the page as it is now, one line each. */
async function violations() {
  const page = playground.page;
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

for (const scheme of ["light", "dark"]) {
  test(`the page, before and after a run, in English and Korean, has no axe violation (${scheme})`, async () => {
    const page = playground.page;
    await page.emulateMedia({ colorScheme: scheme });
    await playground.goto("?lang=en");
    await playground.ready();
    assert.deepEqual(await violations(), [], "English, before a run");
    await playground.goto("?preset=download-first-exception&clock=virtual&lang=ko&run=1");
    await playground.waitForRun();
    assert.deepEqual(await violations(), [], "Korean, after a run (wait's split, a failure)");
    await playground.goto("?preset=cpu-gil&clock=virtual&lang=en&run=1");
    await playground.waitForRun();
    assert.deepEqual(await violations(), [], "English, after a run with the GIL strip");
    // Zoomed in, a stretch selected, the Try buttons, a long result opened,
    // and the stream's chart with its note.
    await page.getByRole("button", { name: "Zoom in" }).click();
    const canvas = page.getByTestId("timeline").locator("canvas");
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width * 0.4, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + 40, { steps: 3 });
    await page.mouse.up();
    await page.getByTestId("timeline-range").waitFor();
    assert.deepEqual(await violations(), [], "zoomed, with a selection");
    await playground.goto("?preset=power&lang=ko&run=1");
    await playground.waitForRun();
    await page.getByTestId("long-result").locator("summary").click();
    assert.deepEqual(await violations(), [], "a long result opened");
    await playground.goto("?preset=stream-backpressure&lang=en&run=1");
    await playground.waitForRun();
    assert.deepEqual(await violations(), [], "the stream's statistics and chart");
    assert.deepEqual(browser.problems, []);
  });

  test(`the embed and both tutorials have no axe violation (${scheme})`, async () => {
    const page = playground.page;
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${browser.baseUrl}/embed.html?workload=cpu_bound&inputs=10,20&executor=sequential&run=1`);
    await page.getByTestId("wall-time").waitFor({ timeout: 60_000 });
    assert.deepEqual(await violations(), [], "the embed after a run");
    for (const tutorial of ["tutorial.html", "tutorial.ko.html"]) {
      await page.goto(`${browser.baseUrl}/${tutorial}`);
      await page.waitForLoadState("load");
      assert.deepEqual(await violations(), [], tutorial);
    }
    await page.emulateMedia({ colorScheme: "light" });
    assert.deepEqual(browser.problems, []);
  });
}
