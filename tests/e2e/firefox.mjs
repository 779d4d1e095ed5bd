// Firefox for the browser tests: Debian's Firefox ESR, driven by
// puppeteer-core over WebDriver BiDi (never a downloaded browser), with a
// fresh profile, against dist/ served with the isolation headers (or with
// `headers` instead: `{}` for a host that sends none).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

import { serve } from "./server.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;

/**
 * Opens Firefox; resolves with { browser, page, baseUrl, problems, run,
 * close }. `serviceWorkers: false` turns service workers off (as a browser
 * that refuses them). `run(query)` is `futuresLab.run` in the page,
 * answering { report } or { error }. `problems` collects page errors and
 * console errors so that every test can assert none.
 */
export async function openFirefox({ headers, serviceWorkers = true } = {}) {
  const server = await serve(DIST, headers ? { headers } : {});
  const profile = await mkdtemp(join(tmpdir(), "futures-lab-firefox-"));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: serviceWorkers ? {} : { "dom.serviceWorkers.enabled": false },
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return {
    browser,
    page,
    baseUrl: server.url,
    problems,
    /** Navigates and waits for `window.futuresLab`. */
    async open(path = "/") {
      await page.goto(`${server.url}${path}`);
      await page.waitForFunction(() => !!window.futuresLab, { timeout: 30_000 });
    },
    run: (query) =>
      page.evaluate(
        (q) => window.futuresLab.run(q).then((report) => ({ report }), (e) => ({ error: String(e) })),
        query,
      ),
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
