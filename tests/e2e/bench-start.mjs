// Start benchmark (prints figures; asserts nothing): loads the page N times
// (default 20) in each browser, each load in a fresh profile, and prints how
// many loads reached `futuresLab.ready` with a worker pool, how many settled
// without one (and why), how many never settled within 20 s, and the median
// time from navigation to ready (performance.now() in the page).
// Usage: node tests/e2e/bench-start.mjs [loads] [chromium,firefox,webkit]
import { openBrowser } from "./browser.mjs";
import { openFirefox } from "./firefox.mjs";
import { openWebKit } from "./webkit.mjs";

const loads = Number(process.argv[2] ?? 20);
const browsers = (process.argv[3] ?? "chromium,firefox,webkit").split(",");
const LIMIT_MS = 20_000;

// Stamps the moment `ready` settles, from navigation; installed before the
// page's own scripts where the driver allows it.
const STAMP = () => {
  Object.defineProperty(window, "futuresLab", {
    configurable: true,
    set(api) {
      Object.defineProperty(window, "futuresLab", { value: api, writable: true, configurable: true });
      api.ready.then(
        (info) => { window.__readyAt = { ms: performance.now(), threads: info.threads }; },
        (error) => { window.__readyAt = { ms: performance.now(), threads: 0, error: String(error) }; },
      );
    },
  });
};

// Reads the stamp, or (where no init script could be installed) stamps the
// moment the page's `ready` is first seen settled: an upper bound.
const SETTLED = `return new Promise((resolve) => {
  const end = performance.now() + ${LIMIT_MS};
  const poll = () => {
    if (window.__readyAt) return resolve(window.__readyAt);
    if (window.futuresLab && !window.__watching) {
      window.__watching = true;
      window.futuresLab.ready.then(
        (info) => { window.__readyAt ??= { ms: performance.now(), threads: info.threads, late: true }; },
        (error) => { window.__readyAt ??= { ms: performance.now(), threads: 0, error: String(error), late: true }; },
      );
    }
    if (performance.now() > end) return resolve(null);
    setTimeout(poll, 20);
  };
  poll();
});`;

async function loadOnce(name) {
  if (name === "chromium") {
    const browser = await openBrowser();
    try {
      const page = await browser.newPage();
      await page.addInitScript(STAMP);
      await page.goto(`${browser.baseUrl}/`);
      return await page.evaluate(new Function(SETTLED));
    } finally {
      await browser.close();
    }
  }
  if (name === "firefox") {
    const firefox = await openFirefox();
    try {
      await firefox.page.evaluateOnNewDocument(STAMP);
      await firefox.page.goto(`${firefox.baseUrl}/`);
      return await firefox.page.evaluate(new Function(SETTLED));
    } finally {
      await firefox.close();
    }
  }
  if (name === "webkit") {
    const webkit = await openWebKit();
    try {
      await webkit.driver.get(`${webkit.baseUrl}/`);
      return await webkit.driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1]; (function () { ${SETTLED} })().then(done);`,
      );
    } finally {
      await webkit.close();
    }
  }
  throw new Error(`browser: must be chromium, firefox or webkit (got "${name}")`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

for (const name of browsers) {
  const pooled = [];
  const without = new Map();
  let stalled = 0;
  for (let i = 0; i < loads; i++) {
    const settled = await loadOnce(name);
    if (!settled) stalled += 1;
    else if (settled.threads > 0) pooled.push(settled.ms);
    else {
      const why = settled.error ?? "no shared memory (the labelled fallback)";
      without.set(why, (without.get(why) ?? 0) + 1);
    }
    process.stderr.write(settled ? (settled.threads > 0 ? "." : "f") : "x");
  }
  process.stderr.write("\n");
  const fallback = [...without].map(([why, count]) => `${count} × ${why}`).join("; ");
  console.log(
    `${name.padEnd(8)} ${loads} loads: ready with a pool ${pooled.length}/${loads}` +
      (pooled.length ? `, median ${median(pooled).toFixed(0)} ms (min ${Math.min(...pooled).toFixed(0)}, max ${Math.max(...pooled).toFixed(0)})` : "") +
      (without.size ? `; ready without threads: ${fallback}` : "") +
      `; never settled: ${stalled}`,
  );
}
