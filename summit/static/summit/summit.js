// Arrow keys move between the timeline's events; Home and End go to the first and last.
"use strict";
document.addEventListener("keydown", (event) => {
  const keys = ["ArrowDown", "ArrowUp", "Home", "End"];
  if (!keys.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (!(target instanceof Element) || target.closest("input, select, textarea, summary")) return;
  const current = target.closest(".timeline .event");
  if (!current) return;
  const links = Array.from(document.querySelectorAll(".timeline .event .event-link"));
  const index = links.indexOf(current.querySelector(".event-link"));
  const next = {
    ArrowDown: links[index + 1],
    ArrowUp: links[index - 1],
    Home: links[0],
    End: links[links.length - 1],
  }[event.key];
  if (next) {
    event.preventDefault();
    next.focus();
    next.closest(".event").scrollIntoView({ block: "nearest" });
  }
});

// Empty fields stay out of the URL, as they would with a clean link: « ?actor=… », not « &q=&to= ».
document.addEventListener("htmx:configRequest", (event) => {
  const parameters = event.detail.parameters;
  for (const [name, value] of Array.from(event.detail.formData.entries())) {
    if (value === "") delete parameters[name];
  }
});

// A printed timeline is a handout: it shows where every fact comes from.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.evidence:not([open])")) {
    details.open = true;
    details.dataset.openedForPrint = "true";
  }
});
window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll("details[data-opened-for-print]")) {
    details.open = false;
    delete details.dataset.openedForPrint;
  }
});

// A timed quiz counts down on the page; the server enforces the limit whatever this shows.
function countDown() {
  for (const time of document.querySelectorAll("time[data-deadline]")) {
    const left = Math.round((Date.parse(time.dataset.deadline) - Date.now()) / 1000);
    if (Number.isNaN(left)) continue;
    if (left <= 0) {
      time.textContent = time.dataset.expired;
      continue;
    }
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    time.textContent = minutes ? `${minutes} min ${seconds} s` : `${left} s`;
    time.dateTime = `PT${minutes}M${left % 60}S`;
  }
}
setInterval(countDown, 1000);

// The language switcher is a plain form, applied by its button (choosing an option alone does not
// reload the page under a keyboard user's feet). It comes back to the address shown, which htmx
// may have changed since the page was served.
for (const form of document.querySelectorAll(".language-switcher")) {
  form.addEventListener("submit", () => {
    form.elements.next.value = window.location.pathname + window.location.search;
  });
}
