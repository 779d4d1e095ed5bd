// Builds futures-lab's worker pool off the page's main thread, and builds a
// new one when a panic breaks it. This worker joins the page's module
// instance as one more thread (same module, same shared memory), has the
// pool's Web Workers started and builds the rayon pool here, where waiting
// on a lock is allowed (on the main thread it is not: a contended lock there
// throws). It stays alive as long as the page.
//
// The pool's workers are not this worker's children: Firefox (ESR 153) blocks
// a worker's `new Worker` for good once other workers it started wait on
// shared memory, which each pool worker does as soon as it is up; 3 to 10 of
// 10 starts stalled so. So each is a `RelayedWorker`: the page
// (src/runtime/relayed_worker.rs) starts the real worker and joins the two
// through a MessageChannel.
class RelayedWorker extends EventTarget {
  #port;

  constructor(url, generation) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    port1.onmessage = ({ data }) => this.dispatchEvent(new MessageEvent("message", { data }));
    self.postMessage({ type: "futures-lab:relay-worker", url: String(url), generation, port: port2 }, [port2]);
  }

  postMessage(data, transfer) {
    this.#port.postMessage(data, transfer ?? []);
  }
}

const workerScript = new URL("pool-worker.js", import.meta.url);

function answer(worker, type) {
  return new Promise((resolve) =>
    worker.addEventListener("message", function heard({ data }) {
      if (data?.type !== type) return;
      worker.removeEventListener("message", heard);
      resolve(data);
    }),
  );
}

// Starts `threads` workers, waits until each waits for its rayon thread,
// then builds the pool (the one it replaces ends).
async function buildPool(pkg, init, threads, generation) {
  const builder = new pkg.PoolBuilder(threads);
  try {
    const workerInit = { ...init, type: "futures-lab:pool-worker-init", receiver: builder.receiver() };
    await Promise.all(
      Array.from({ length: threads }, () => {
        const worker = new RelayedWorker(workerScript, generation);
        const ready = answer(worker, "futures-lab:pool-worker-ready");
        worker.postMessage(workerInit);
        return ready;
      }),
    );
    builder.build();
  } finally {
    builder.free();
  }
}

let pkg;
let init;
self.addEventListener("message", async ({ data }) => {
  if (data?.type === "futures-lab:pool-init") {
    init = { mainJS: data.mainJS, module: data.module, memory: data.memory };
  } else if (data?.type !== "futures-lab:pool-rebuild") {
    return;
  }
  const generation = data.generation ?? 0;
  try {
    if (!pkg) {
      pkg = await import(init.mainJS);
      pkg.initSync({ module: init.module, memory: init.memory });
    }
    // A pool built after a panic: the broken one's free workers end first.
    if (generation > 0) pkg.retirePool();
    await buildPool(pkg, init, data.threads, generation);
    self.postMessage({ type: "futures-lab:pool-ready", generation });
  } catch (error) {
    self.postMessage({ type: "futures-lab:pool-failed", generation, message: String(error) });
  }
});
