import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

// A panic on the page's own thread ends the module there (this build aborts
// on panic): the page cannot go on, but it says so, in its language, instead
// of going still.
let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

test("a panic on the page's own thread puts a banner up saying futures-lab stopped and to reload", async () => {
  const { page } = playground;
  await page.getByRole("button", { name: "한국어" }).click();
  const thrown = await page.evaluate(() => {
    try {
      window.futuresLab.testing.panicHere();
      return null;
    } catch (error) {
      return String(error);
    }
  });
  assert.match(thrown, /RuntimeError|unreachable/);
  const banner = page.getByTestId("page-stopped");
  await banner.waitFor();
  assert.equal(
    await banner.textContent(),
    "futures-lab이 멈췄습니다: a panic on the page's thread, asked for by a test. 페이지를 새로 고치면 다시 쓸 수 있습니다.",
  );
  assert.equal(await banner.getAttribute("role"), "alert");
  // Reloading brings the page back.
  await playground.goto("?lang=en");
  await playground.ready();
  assert.equal(await page.getByTestId("page-stopped").count(), 0);
  const { report } = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.equal(report.tasks.length, 2);
});
