import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

// At a phone's width (390 px) every control stays inside the page: a menu
// whose longest choice is wider than the screen is cut with an ellipsis
// rather than pushed out of its box.
let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("at 390 px no menu, field or button sticks out of the page, for any workload, in either language", async () => {
  const { page } = playground;
  await page.setViewportSize({ width: 390, height: 844 });
  const workloads = await page.evaluate(() => window.futuresLab.info().workloads);
  for (const lang of ["English", "한국어"]) {
    await page.getByRole("button", { name: lang }).click();
    for (const workload of workloads) {
      await page.locator('select:has(option[value="cpu_bound"])').selectOption(workload);
      const outside = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll("select, input, button, textarea")]
          .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 0.5)
          .map((el) => `${el.tagName} ${el.getAttribute("aria-label") ?? el.id ?? ""} right=${el.getBoundingClientRect().right}`);
      });
      assert.deepEqual(outside, [], `${lang}, ${workload}`);
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
        `${lang}, ${workload}: the page scrolls sideways`,
      );
    }
  }
  assert.deepEqual(browser.problems, []);
});
