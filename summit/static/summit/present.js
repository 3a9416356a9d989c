// Presentation mode: the keys a clicker sends (arrows, Page Up and Page Down, space) follow the
// slide's own previous and next links; F puts the slide alone on the whole screen.
"use strict";
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target instanceof Element && target.closest("input, select, textarea, button")) return;
  const slideshow = document.querySelector(".present");
  if (!slideshow) return;
  const keys = {
    ArrowRight: "next",
    PageDown: "next",
    " ": event.shiftKey ? "previous" : "next",
    ArrowLeft: "previous",
    PageUp: "previous",
    Home: "first",
    End: "last",
  };
  if (event.key === "f" || event.key === "F") {
    event.preventDefault();
    if (document.fullscreenElement) document.exitFullscreen();
    else if (slideshow.requestFullscreen) slideshow.requestFullscreen().catch(() => {});
    return;
  }
  const name = keys[event.key];
  if (!name) return;
  // Space on a link follows it, as it would anywhere else.
  if (event.key === " " && target instanceof Element && target.closest("a")) return;
  event.preventDefault();
  const link = slideshow.querySelector(`a[data-present="${name}"]`);
  if (!link) return;
  // The slide is stored in the address: a full screen stays full across slides only if the page
  // is not reloaded, so the next slide replaces the current one in place when it can.
  if (document.fullscreenElement && window.fetch) {
    swapSlide(link.href, slideshow);
  } else {
    window.location.assign(link.href);
  }
});

async function swapSlide(url, slideshow) {
  try {
    const response = await fetch(url, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const next = page.querySelector(".present");
    if (!next) throw new Error("no slide");
    slideshow.replaceChildren(...next.childNodes);
    document.title = page.title;
    window.history.pushState({}, "", url);
  } catch {
    window.location.assign(url);
  }
}
