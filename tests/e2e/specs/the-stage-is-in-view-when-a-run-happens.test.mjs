import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

/** Where `testId`'s box is in the window: its top and bottom, in px. */
const box = (testId) =>
  playground.page.getByTestId(testId).first().evaluate((element) => {
    const { top, bottom } = element.getBoundingClientRect();
    return { top, bottom };
  });

for (const lang of ["en", "ko"]) {
  test(`at 1366×768 the lesson, Run and the stage share the first screen, before and after a run (${lang})`, async () => {
    const page = playground.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await playground.goto(`?preset=cpu-gil&lang=${lang}`);
    await playground.ready();
    for (const testId of ["lesson", "run", "stage-empty"]) {
      const { top, bottom } = await box(testId);
      assert.ok(top >= 0 && bottom <= 768, `${testId} at ${top}–${bottom}`);
    }
    await page.getByTestId("run").click();
    await playground.waitForRun();
    const canvas = await box("timeline");
    assert.ok(canvas.top >= 0 && canvas.top < 768 - 120, `the timeline starts at ${canvas.top}`);
    assert.equal(await page.evaluate(() => window.scrollY), 0, "nothing scrolled: the stage was in view");
    for (const testId of ["lesson", "run", "gist"]) {
      const { top, bottom } = await box(testId);
      assert.ok(top >= 0 && bottom <= 768, `${testId} at ${top}–${bottom}`);
    }
    assert.deepEqual(browser.problems, []);
  });

  test(`at 390×844 Run brings the stage into view (${lang})`, async () => {
    const page = playground.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await playground.goto(`?preset=download-asyncio&lang=${lang}`);
    await playground.ready();
    const run = await box("run");
    assert.ok(run.bottom <= 844, `Run is on the first screen (${run.top}–${run.bottom})`);
    await page.getByTestId("run").click();
    await playground.waitForRun();
    const stage = await box("stage");
    assert.ok(Math.abs(stage.top) < 2, `the stage's top is at the window's top (${stage.top})`);
    const canvas = await box("timeline");
    assert.ok(canvas.top >= 0 && canvas.top < 844 - 100, `the timeline starts at ${canvas.top}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.deepEqual(browser.problems, []);
  });
}
