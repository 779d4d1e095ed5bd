// The tutorial pages' side of the conversation with embedded playgrounds:
// size each iframe to its content, show what each run reported, and send a
// scenario to run when a button asks.
const frames = [...document.querySelectorAll("iframe.lab")];
const korean = document.documentElement.lang === "ko";

window.addEventListener("message", (event) => {
  const index = frames.findIndex((frame) => frame.contentWindow === event.source);
  const message = event.data;
  if (index < 0 || event.origin !== location.origin || typeof message !== "object" || message === null) return;
  if (message.type === "futures-lab:size" && Number.isFinite(message.height)) {
    frames[index].style.height = `${Math.min(Math.max(message.height, 120), 4000)}px`;
  } else if (message.type === "futures-lab:report" && message.report) {
    const { report } = message;
    const order = report.completion_order.join(", ");
    const line = korean
      ? `이 실행: ${report.wall_ms.toFixed(1)} ms, 끝난 순서 ${order}`
      : `This run: ${report.wall_ms.toFixed(1)} ms, finished in the order ${order}`;
    const shown = document.querySelector(`.report[data-for="${index}"]`);
    if (shown) shown.textContent = line;
  }
});

for (const button of document.querySelectorAll("button[data-send]")) {
  button.addEventListener("click", () => {
    const frame = frames[Number(button.dataset.send)];
    frame?.contentWindow?.postMessage({ type: "futures-lab:run", scenario: button.dataset.scenario }, location.origin);
  });
}
