import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";

import { openBrowser } from "../browser.mjs";
import { countLoads } from "../navigations.mjs";
import { PlaygroundPage } from "../playground-page.mjs";

// No headers and no service worker: nothing can make this page cross-origin
// isolated (as in a browser that blocks service workers, or a frame of a page
// that is not isolated).
let browser;
before(async () => {
  browser = await openBrowser({ headers: {}, serviceWorkers: "block" });
  // Playwright's block resolves register() with nothing; a browser that
  // refuses service workers rejects it, as here.
  await browser.context.addInitScript(() => {
    if (self.ServiceWorkerContainer) {
      ServiceWorkerContainer.prototype.register = () =>
        Promise.reject(new DOMException("Service workers are disabled.", "SecurityError"));
    }
  });
});
after(async () => browser?.close());

const SENTENCE = {
  en: /^This browser gives the page no shared memory here \(it is not cross-origin isolated\), so/,
  ko: /^이 브라우저는 여기서 페이지에 공유 메모리를 주지 않으므로\(교차 출처 격리가 되지 않음\)/,
};

test("without isolation the page boots once, says so in one sentence in either language, and names why a run cannot start", async () => {
  const page = await browser.newPage();
  const loads = countLoads(page);
  const playground = new PlaygroundPage(page, browser.baseUrl);
  await playground.goto();
  const notice = page.getByTestId("isolation-notice");
  await notice.waitFor();
  assert.match(await notice.textContent(), SENTENCE.en);
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);

  // ready resolves (no pool, no rejection), and the API says why.
  assert.deepEqual(await page.evaluate(() => window.futuresLab.ready), { threads: 0, start_ms: null });
  const info = await page.evaluate(() => window.futuresLab.info());
  assert.equal(info.cross_origin_isolated, false);
  assert.equal(info.threads, 0);
  await page.getByTestId("pool-badge").filter({ hasText: "not cross-origin isolated" }).waitFor();
  assert.equal(await page.getByTestId("pool-badge").textContent(), "No threads: not cross-origin isolated");

  await mkdir("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/without-isolation.png" });

  await page.getByRole("button", { name: "한국어" }).click();
  assert.match(await notice.textContent(), SENTENCE.ko);
  assert.equal(await page.getByTestId("pool-badge").textContent(), "스레드 없음: 교차 출처 격리 안 됨");
  await page.getByRole("button", { name: "English" }).click();

  const { error, isError } = await playground.apiRun("executor=sequential&inputs=10,20");
  assert.equal(isError, true);
  assert.match(error, /not cross-origin isolated .* no shared memory/);

  await page.waitForTimeout(1500);
  assert.equal(loads.count(), 1, "no reload: the service worker cannot help here");
  assert.deepEqual(browser.problems, []);
});
