// The live quiz: the countdowns, and the teacher's keys on the projector (→ or Space: next step).
"use strict";

// Each countdown starts from the seconds the server counted when it rendered it, so that a
// phone's clock being off does not matter; the server decides what is late whatever this shows.
function liveCountDown() {
  const now = performance.now();
  for (const element of document.querySelectorAll("[data-live-remaining]")) {
    if (!element.dataset.liveStarted) element.dataset.liveStarted = String(now);
    const elapsed = (now - Number(element.dataset.liveStarted)) / 1000;
    const left = Math.ceil(Number(element.dataset.liveRemaining) - elapsed);
    if (left > 0) {
      element.textContent = `${left} s`;
      continue;
    }
    element.textContent = element.dataset.expired;
    const form = element.closest(".live-play")?.querySelector("form[data-live-answer]");
    if (form) for (const button of form.querySelectorAll("button")) button.disabled = true;
  }
}
setInterval(liveCountDown, 250);

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.key !== "ArrowRight" && event.key !== " ") return;
  const target = event.target;
  // Keys typed into a field are the field's; Space on a button or a link presses it.
  if (target instanceof Element) {
    if (target.closest("input, select, textarea")) return;
    if (event.key === " " && target.closest("button, a, summary")) return;
  }
  const form = document.querySelector("form[data-live-next]");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector("button");
  if (button && !button.disabled) form.requestSubmit(button);
});
