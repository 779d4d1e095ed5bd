// A worker process of futures-lab's process pool in the browser: its own
// instance of the module with its own memory (nothing shared with the page
// or the other workers), talking to the page by postMessage. Frames that
// arrive before the module is ready wait in order. If the instance traps
// (a crash), the page is told, and the pool breaks as CPython's does.
let pkg = null;
const waiting = [];

function answer(bytes) {
  try {
    const out = pkg.futures_lab_process_frame(bytes);
    if (out.length > 0) self.postMessage(out, [out.buffer]);
  } catch (error) {
    self.postMessage({ type: "futures-lab:process-died", message: String(error) });
    self.close();
  }
}

self.addEventListener("message", async ({ data }) => {
  if (data && data.type === "futures-lab:process-init") {
    try {
      const module = await import(data.mainJS);
      // No memory given: the instance gets a fresh one of its own.
      module.initSync({ module: data.module });
      module.futures_lab_process_init(data.pid);
      pkg = module;
    } catch (error) {
      self.postMessage({ type: "futures-lab:process-died", message: String(error) });
      self.close();
      return;
    }
    for (const bytes of waiting.splice(0)) answer(bytes);
    return;
  }
  if (!(data instanceof Uint8Array)) return;
  if (pkg === null) waiting.push(data);
  else answer(data);
});
