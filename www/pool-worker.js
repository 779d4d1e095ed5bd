// One worker of futures-lab's pool. The bootstrap worker (pool-bootstrap.js)
// has the page start it and sends it the module, the shared memory and the
// channel its rayon thread comes through; it joins the module instance as
// one more thread and runs that thread (wasm-bindgen-rayon's
// `wbg_rayon_start_worker`) until its pool ends.
//
// The page may start it earlier, while the bootstrap worker itself starts
// (src/runtime/relayed_worker.rs): it then joins the instance at once, on
// `futures-lab:pool-worker-join`, and takes its thread when the bootstrap's
// `futures-lab:pool-worker-init` comes.
//
// Earlier still, as the page starts (www/pool-ahead.js), it may be told only
// where the module's JavaScript is (`futures-lab:pool-worker-load`): it loads
// it then, and joins when the rest comes.
let loaded;
let joined;
function join(data) {
  loaded ??= import(data.mainJS);
  joined ??= loaded.then((pkg) => ({
    pkg,
    wasm: pkg.initSync({ module: data.module, memory: data.memory }),
  }));
  return joined;
}

self.addEventListener("message", async function start({ data }) {
  if (data?.type === "futures-lab:pool-worker-load") {
    loaded ??= import(data.mainJS);
    loaded.catch(() => {});
    return;
  }
  if (data?.type === "futures-lab:pool-worker-join") {
    // A failure shows when the thread is handed over (it never is).
    join(data).catch(() => {});
    return;
  }
  if (data?.type !== "futures-lab:pool-worker-init") return;
  self.removeEventListener("message", start);
  const { pkg, wasm } = await join(data);
  self.postMessage({ type: "futures-lab:pool-worker-ready" });
  try {
    pkg.wbg_rayon_start_worker(data.receiver);
    wasm.__wbindgen_thread_destroy();
  } catch (error) {
    // Its pool was replaced after a panic broke it, and this worker was
    // told to leave (src/runtime/rayon_pool.rs): its stack and thread-local
    // storage go back to the shared memory. Anything else is the panic's
    // own trap: that thread's memory stays as it was.
    if (String(error?.message ?? error).includes("futures-lab:leave-pool")) wasm.__wbindgen_thread_destroy();
  } finally {
    self.close();
  }
});
