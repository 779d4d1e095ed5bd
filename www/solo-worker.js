// One run on a page that is not cross-origin isolated (no shared memory, so
// no thread pool): this Web Worker instantiates the module with a memory of
// its own, plays the scenario on its one thread (a worker may wait, the page
// may not) and answers with the report and the trace as JSON. The page
// starts one for each run and ends it after the answer.
self.addEventListener("message", async ({ data }) => {
  if (!data || data.type !== "futures-lab:solo-run") return;
  try {
    const pkg = await import(data.mainJS);
    // No memory given: the instance gets a fresh one of its own.
    pkg.initSync({ module: data.module });
    const out = pkg.futures_lab_solo_run(data.query, data.cpus, data.userAgent, data.fault);
    self.postMessage({ type: "futures-lab:solo-done", out });
  } catch (error) {
    self.postMessage({ type: "futures-lab:solo-failed", message: String(error) });
  }
});
