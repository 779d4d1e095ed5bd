// Builds futures-lab's worker pool off the page's main thread. This worker
// joins the page's module instance as one more thread (same module, same
// shared memory), then has the pool's Web Workers started and builds the
// rayon pool here, where waiting on a lock is allowed (on the main thread it
// is not: a contended lock there throws). It stays alive: the pool's workers
// answer through it.
//
// The pool's workers are not this worker's children: Firefox (ESR 153) blocks
// a worker's `new Worker` for good once other workers it started wait on
// shared memory, which each pool worker does as soon as it is up; 3 to 10 of
// 10 starts stalled so. wasm-bindgen-rayon's `startWorkers` runs here as it
// is, but the `Worker` it constructs is a stand-in: the page (src/runtime/
// relayed_worker.rs) starts the real worker and joins the two through a
// MessageChannel.
class RelayedWorker extends EventTarget {
  #port;

  constructor(url, options) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    port1.onmessage = ({ data }) => this.dispatchEvent(new MessageEvent("message", { data }));
    self.postMessage(
      { type: "futures-lab:relay-worker", url: String(url), moduleType: options?.type === "module", port: port2 },
      [port2],
    );
  }

  postMessage(data, transfer) {
    this.#port.postMessage(data, transfer ?? []);
  }
}

self.addEventListener("message", async ({ data }) => {
  if (!data || data.type !== "futures-lab:pool-init") return;
  try {
    const pkg = await import(data.mainJS);
    pkg.initSync({ module: data.module, memory: data.memory });
    self.Worker = RelayedWorker;
    await pkg.initThreadPool(data.threads);
    self.postMessage({ type: "futures-lab:pool-ready" });
  } catch (error) {
    self.postMessage({ type: "futures-lab:pool-failed", message: String(error) });
  }
});
