// Starts futures-lab's worker pool as the page starts, before its module has
// loaded: the pool's bootstrap worker and the first pool workers start their
// threads and load the module's JavaScript while the page loads and compiles
// the module, and join its instance as soon as it is up
// (src/runtime/pool.rs and relayed_worker.rs take them from
// `window.futuresLabAhead`; without them, they start their own).
(() => {
  if (!window.crossOriginIsolated || typeof SharedArrayBuffer !== "function") return;
  // The module's JavaScript, as Trunk preloads it in the head above.
  const glue = [...document.querySelectorAll('link[rel="modulepreload"]')]
    .map((link) => link.href)
    .find((href) => /\/futures-lab-[0-9a-f]+\.js$/.test(href));
  if (!glue) return;
  const start = (script, type) => {
    const worker = new Worker(new URL(script, glue), { type: "module" });
    worker.postMessage({ type, mainJS: glue });
    return worker;
  };
  try {
    window.futuresLabAhead = {
      bootstrap: start("pool-bootstrap.js", "futures-lab:pool-load"),
      // As many as src/runtime/pool_growth.rs's `first_workers`.
      workers: Array.from({ length: 5 }, () => start("pool-worker.js", "futures-lab:pool-worker-load")),
    };
  } catch {
    // The module starts them itself.
  }
})();
