import { openBrowser } from "./browser.mjs";
const browser = await openBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${browser.baseUrl}/${process.argv[2]}`);
  await page.waitForFunction(() => window.futuresLab !== undefined);
  await page.waitForTimeout(1500);
  console.log(await page.evaluate(() => [...document.querySelectorAll("[role=alert], .field-error")].map((e) => e.textContent)));
  console.log("injected:", await page.evaluate(() => document.querySelectorAll("img[src=x], script:not([src]):not([type])").length));
  await page.screenshot({ path: process.argv[3], fullPage: false });
  console.log(browser.problems);
} finally { await browser.close(); }
