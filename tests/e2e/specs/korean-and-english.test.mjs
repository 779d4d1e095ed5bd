import assert from "node:assert/strict";
import { test } from "node:test";

import { openPlayground } from "../browser.mjs";

const HANGUL = /[가-힣]/;
/** Texts that are names, not words: they stay as they are in both languages. */
const NAMES = new Set(["#", "English", "한국어"]);

/** Every visible label, heading, button, header cell and term of the page. */
async function visibleLabels(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("label > span, button, th, caption, dt, h2, .hint, .legend li, .lesson, .tagline, .badge, .empty, .explanation")]
      .filter((el) => el.offsetParent !== null)
      // A control named by aria-label (an icon button) is read by that name.
      .map((el) => (el.getAttribute("aria-label") ?? el.textContent).trim())
      .filter((text) => text.length > 0),
  );
}

test("switching to Korean changes every visible label, and the choice is remembered", async () => {
  const { browser, playground } = await openPlayground({ locale: "en-US" });
  try {
    const page = playground.page;
    await page.getByRole("button", { name: "English" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await playground.run();
    await playground.waitForRun();
    await page.getByRole("button", { name: "한국어" }).click();
    await page.getByRole("button", { name: "실행", exact: true }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "ko");
    const labels = await visibleLabels(page);
    const english = labels.filter((text) => !HANGUL.test(text) && !NAMES.has(text));
    assert.deepEqual(english, [], `labels left in English: ${JSON.stringify(english)}`);
    assert.ok(labels.length > 15, `${labels.length} labels checked`);
    // State badges too, while data-state keeps the Python name.
    const badge = page.locator('[data-testid="future-row"][data-state="finished"] .state').first();
    assert.equal(await badge.textContent(), "완료");
    // Remembered across a reload.
    await page.reload();
    await page.getByRole("button", { name: "실행", exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: "한국어" }).getAttribute("aria-pressed"), "true");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});

test("a Korean browser gets the Korean page, and lang= in a link decides", async () => {
  const { browser, playground } = await openPlayground({ locale: "ko-KR" });
  try {
    const page = playground.page;
    await page.getByRole("button", { name: "실행", exact: true }).waitFor();
    assert.match(await page.getByTestId("explanation").textContent(), HANGUL);
    await page.goto(`${browser.baseUrl}/?lang=en&workload=download`);
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    assert.match(await page.getByTestId("explanation").textContent(), /network here is simulated/);
  } finally {
    await browser.close();
  }
});
