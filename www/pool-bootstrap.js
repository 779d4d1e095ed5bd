// Builds futures-lab's worker pool off the page's main thread. This worker
// joins the page's module instance as one more thread (same module, same
// shared memory), then starts the pool's Web Workers and builds the rayon
// pool here, where waiting on a lock is allowed (on the main thread it is
// not: a contended lock there throws). It stays alive: the pool's workers
// are its children.
self.addEventListener("message", async ({ data }) => {
  if (!data || data.type !== "futures-lab:pool-init") return;
  try {
    const pkg = await import(data.mainJS);
    pkg.initSync({ module: data.module, memory: data.memory });
    await pkg.initThreadPool(data.threads);
    self.postMessage({ type: "futures-lab:pool-ready" });
  } catch (error) {
    self.postMessage({ type: "futures-lab:pool-failed", message: String(error) });
  }
});
