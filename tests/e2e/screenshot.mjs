// Takes screenshots of the playground after a threads run, at a laptop and a
// phone width: node tests/e2e/screenshot.mjs [out-dir]
import { openBrowser } from "./browser.mjs";
import { PlaygroundPage } from "./playground-page.mjs";

const outDir = process.argv[2] ?? "docs";
const browser = await openBrowser();
try {
  const page = await browser.newPage();
  const playground = new PlaygroundPage(page, browser.baseUrl);
  for (const [name, width, height] of [["screenshot", 1366, 768], ["screenshot-phone", 390, 844]]) {
    await page.setViewportSize({ width, height });
    await playground.goto("?executor=threads&max_workers=2&run=1");
    await playground.ready();
    await playground.waitForRun();
    // The sequential baseline follows the run: wait for the speed-up it gives.
    await page.waitForFunction(() => /×$/.test(document.querySelector("[data-testid=speed-up]")?.textContent ?? ""), null, { timeout: 30_000 });
    await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: name !== "screenshot" });
    console.log(`${outDir}/${name}.png`);
  }
  if (browser.problems.length) console.log(browser.problems.join("\n"));
} finally {
  await browser.close();
}
