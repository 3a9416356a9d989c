// The visual timeline: the server draws every window; this script moves between windows (zoom,
// pan, wheel, drag, keyboard), highlights an event in all of its lanes at once and opens its card
// with the same fragment as the list. Every action it takes is also a link that works without it.
"use strict";
(() => {
  const DAY_MS = 86400000;
  const EPOCH_ORDINAL = 719163; // 1970-01-01 as Python's date.toordinal()
  const MARKS = ".vt-svg .vt-event, .vt-svg .vt-group";
  let busy = false;
  let dragged = false;
  let pendingFocus = null;

  const results = () => document.querySelector("#results.vt");
  const marks = (root) => Array.from(root.querySelectorAll(MARKS));
  const keyOf = (mark) => mark.dataset.event || `group@${mark.getAttribute("href")}`;
  const xOf = (mark) => Number(mark.querySelector("circle").getAttribute("cx"));
  // Lanes are LANE_HEIGHT (44 px) apart under the AXIS_HEIGHT (46 px) of summit.visual.
  const laneOf = (mark) => Math.round((Number(mark.querySelector("circle").getAttribute("cy")) - 68) / 44);
  // The lane's name (its actor), which stays when the lanes are ordered anew in another window.
  const laneName = (mark) => {
    const item = document.querySelectorAll(".vt-lane-names li")[laneOf(mark)];
    return item ? item.textContent.trim() : "";
  };

  // Dates as the server writes periods: « 2019 », « 2019-04 », « 2019-04-25 ».
  const utc = (y, m, d) => {
    const date = new Date(Date.UTC(2000, m, d));
    date.setUTCFullYear(y);
    return date;
  };
  const iso = (date) => date.toISOString().slice(0, 10).replace(/^\+0*/, "");
  const pad = (n, size) => String(n).padStart(size, "0");
  function periodStart(value) {
    const [y, m, d] = value.split("-").map(Number);
    return utc(y, (m || 1) - 1, d || 1);
  }
  function periodEnd(value) {
    const [y, m, d] = value.split("-").map(Number);
    if (d) return utc(y, m - 1, d);
    if (m) return utc(y, m, 0);
    return utc(y, 11, 31);
  }
  const unitOf = (value) => ({ 4: "year", 7: "month" })[value.length] || "day";
  function stepCount(from, to, unit) {
    if (unit === "year") return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
    const start = periodStart(from);
    const end = periodEnd(to);
    if (unit === "month") {
      return (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth() + 1;
    }
    return Math.round((end - start) / DAY_MS) + 1;
  }
  // The same windows as summit.visual.window_at: calendar-aligned around a day.
  function windowAt(center, unit, count) {
    const back = Math.floor((count - 1) / 2);
    if (unit === "year") {
      const first = Math.min(Math.max(center.getUTCFullYear() - back, 1), 9999 - count + 1);
      return [pad(first, 4), pad(first + count - 1, 4)];
    }
    if (unit === "month") {
      const index = center.getUTCFullYear() * 12 + center.getUTCMonth() - back;
      const last = index + count - 1;
      return [
        `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`,
        `${pad(Math.floor(last / 12), 4)}-${pad((last % 12) + 1, 2)}`,
      ];
    }
    const start = new Date(center.getTime() - back * DAY_MS);
    return [iso(start), iso(new Date(start.getTime() + (count - 1) * DAY_MS))];
  }

  // The drawn axis: pieces « x,width,first,last » (days as ordinals), broken between eras.
  function pieces(svg) {
    return (svg.dataset.pieces || "").split(";").filter(Boolean).map((text) => {
      const [x, width, first, last] = text.split(",").map(Number);
      return { x, width, first, last };
    });
  }
  function pieceAt(svg, x) {
    const all = pieces(svg);
    return all.find((piece) => x <= piece.x + piece.width) || all[all.length - 1];
  }
  function dateAt(svg, x) {
    const piece = pieceAt(svg, x);
    const ordinal = piece.first + ((x - piece.x) / piece.width) * (piece.last - piece.first);
    return new Date((Math.floor(ordinal) - EPOCH_ORDINAL) * DAY_MS);
  }

  function withPeriod(from, to) {
    const url = new URL(window.location.href);
    url.searchParams.delete("from");
    url.searchParams.delete("to");
    if (from) url.searchParams.set("from", from);
    if (to) url.searchParams.set("to", to);
    return url.pathname + url.search;
  }

  // A window is fetched as the results region, put in place, and its address pushed.
  function navigate(href, focus) {
    if (busy || !window.htmx) {
      if (!window.htmx) window.location.assign(href);
      return;
    }
    busy = true;
    pendingFocus = focus;
    const url = new URL(href, window.location.href);
    window.htmx
      .ajax("GET", url.pathname + url.search, { target: "#results", swap: "outerHTML" })
      .then(() => {
        window.history.pushState({ htmx: true }, "", url.pathname + url.search);
        if (pendingFocus) settle(null);
      })
      .finally(() => {
        busy = false;
      });
  }

  function toolbarLink(name) {
    const root = results();
    return root && root.querySelector(`.vt-toolbar a[data-vt="${name}"]`);
  }

  function zoomIn(center, focus) {
    const link = toolbarLink("zoom-in");
    if (!link) return;
    if (!center) {
      navigate(link.getAttribute("href"), focus);
      return;
    }
    const { from, to } = link.dataset;
    const unit = unitOf(from);
    navigate(withPeriod(...windowAt(center, unit, stepCount(from, to, unit))), focus);
  }

  function zoomOut(focus) {
    const link = toolbarLink("zoom-out");
    if (link) navigate(link.getAttribute("href"), focus);
  }

  // A period moved by whole years, months or days, as summit.visual._shift does.
  function shiftPeriod(value, unit, steps) {
    if (unit === "year") return pad(Math.min(Math.max(Number(value.slice(0, 4)) + steps, 1), 9999), 4);
    if (unit === "month") {
      const index = Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 1 + steps;
      return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
    }
    return iso(new Date(periodStart(value).getTime() + steps * DAY_MS));
  }

  // Dragging by a quarter of the window or more moves it by at least one of its units.
  function panBy(days) {
    const root = results();
    let { from, to } = root.dataset;
    if (!from && !to) return; // the whole span has nothing beside it
    const windowDays = Math.round((periodEnd(to) - periodStart(from)) / DAY_MS) + 1;
    let unit = unitOf(from);
    if (unitOf(to) !== unit) {
      unit = "day";
      from = iso(periodStart(from));
      to = iso(periodEnd(to));
    }
    const size = { year: 365.25, month: 30.44, day: 1 }[unit];
    let steps = Math.round(days / size);
    if (!steps && Math.abs(days) >= windowDays / 4) steps = Math.sign(days);
    if (!steps) return;
    navigate(withPeriod(shiftPeriod(from, unit, steps), shiftPeriod(to, unit, steps)), null);
  }

  function markDate(mark) {
    const svg = mark.closest("svg");
    return dateAt(svg, xOf(mark));
  }

  // Highlight: an event's marks in every lane, and the line joining them.
  function highlight(slug, on) {
    const root = results();
    if (!root || !slug) return;
    for (const element of root.querySelectorAll(`[data-event="${CSS.escape(slug)}"]`)) {
      element.classList.toggle("is-active", on);
    }
  }

  function openCard(mark) {
    const card = document.getElementById("vt-card");
    if (!card || !window.htmx) {
      window.location.assign(mark.getAttribute("href"));
      return;
    }
    for (const open of document.querySelectorAll(".vt-event.is-open")) open.classList.remove("is-open");
    for (const same of document.querySelectorAll(`.vt-event[data-event="${CSS.escape(mark.dataset.event)}"]`)) {
      same.classList.add("is-open");
    }
    window.htmx
      .ajax("GET", mark.getAttribute("href"), { target: "#vt-card", swap: "innerHTML" })
      .then(() => card.scrollIntoView({ block: "nearest", behavior: "smooth" }));
  }

  function focusMark(mark) {
    if (!mark) return;
    const root = results();
    for (const other of marks(root)) other.setAttribute("tabindex", "-1");
    mark.setAttribute("tabindex", "0");
    mark.focus();
    const scroller = mark.closest(".vt-scroll");
    const x = xOf(mark);
    if (scroller && (x < scroller.scrollLeft + 20 || x > scroller.scrollLeft + scroller.clientWidth - 60)) {
      scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 3);
    }
  }

  // Left and right: the next event in time (in this lane when it is there too); up and down: the
  // nearest mark of the next lane that has one.
  function neighbour(mark, key) {
    const all = marks(results());
    const lane = laneOf(mark);
    const x = xOf(mark);
    if (key === "ArrowLeft" || key === "ArrowRight") {
      const forward = key === "ArrowRight";
      const order = all.slice().sort((a, b) => xOf(a) - xOf(b) || laneOf(a) - laneOf(b));
      const current = keyOf(mark);
      const candidates = order.filter((other) =>
        forward ? xOf(other) > x || (xOf(other) === x && laneOf(other) > lane && keyOf(other) !== current)
                : xOf(other) < x || (xOf(other) === x && laneOf(other) < lane && keyOf(other) !== current),
      ).filter((other) => keyOf(other) !== current);
      if (!candidates.length) return null;
      const target = forward ? candidates[0] : candidates[candidates.length - 1];
      const same = all.find((other) => keyOf(other) === keyOf(target) && laneOf(other) === lane);
      return same || target;
    }
    const lanes = [...new Set(all.map(laneOf))].sort((a, b) => a - b);
    const next = key === "ArrowDown" ? lanes.find((l) => l > lane) : lanes.filter((l) => l < lane).pop();
    if (next === undefined) return null;
    return all
      .filter((other) => laneOf(other) === next)
      .reduce((best, other) => (!best || Math.abs(xOf(other) - x) < Math.abs(xOf(best) - x) ? other : best), null);
  }

  // After a window is put in place: the filters' period shows it, one mark is in the tab order,
  // and the focus comes back where it was (the same event, or the first or last one).
  function settle(focus) {
    const root = results();
    if (!root) return;
    const form = document.querySelector("form.filters");
    if (form && form.elements.from && "from" in root.dataset) {
      form.elements.from.value = root.dataset.from;
      form.elements.to.value = root.dataset.to;
    }
    const all = marks(root);
    for (const mark of all) mark.setAttribute("tabindex", "-1");
    if (!all.length) return;
    const sorted = all.slice().sort((a, b) => xOf(a) - xOf(b) || laneOf(a) - laneOf(b));
    sorted[0].setAttribute("tabindex", "0");
    const wanted = focus || pendingFocus;
    pendingFocus = null;
    if (!wanted) return;
    let target = null;
    if (wanted.slug) {
      target = all.find((m) => m.dataset.event === wanted.slug && laneName(m) === wanted.lane)
        || all.find((m) => m.dataset.event === wanted.slug);
    }
    if (wanted.toolbar) {
      const link = toolbarLink(wanted.toolbar);
      if (link) link.focus();
      return;
    }
    if (!target && wanted.edge === "last") target = sorted[sorted.length - 1];
    if (!target && wanted.x !== undefined) {
      target = all.reduce((best, m) => (!best || Math.abs(xOf(m) - wanted.x) < Math.abs(xOf(best) - wanted.x) ? m : best), null);
    }
    focusMark(target || sorted[0]);
  }

  function focusWish(mark) {
    return mark ? { slug: mark.dataset.event, lane: laneName(mark), x: xOf(mark) } : null;
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (!(target instanceof Element) || target.closest("input, select, textarea")) return;
    const root = results();
    if (!root || !root.contains(target)) return;
    const mark = target.closest(".vt-event, .vt-group");
    if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      zoomIn(mark ? markDate(mark) : null, mark ? focusWish(mark) : { x: 0 });
    } else if (event.key === "-" || event.key === "_") {
      event.preventDefault();
      zoomOut(mark ? focusWish(mark) : { x: 0 });
    } else if (mark && ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(event.key)) {
      event.preventDefault();
      const next = neighbour(mark, event.key);
      if (next) {
        focusMark(next);
      } else if (event.key === "ArrowRight" && toolbarLink("next")) {
        navigate(toolbarLink("next").getAttribute("href"), { edge: "first" });
      } else if (event.key === "ArrowLeft" && toolbarLink("previous")) {
        navigate(toolbarLink("previous").getAttribute("href"), { edge: "last" });
      }
    } else if (mark && event.key === "Enter") {
      event.preventDefault();
      if (mark.classList.contains("vt-event")) openCard(mark);
      else navigate(mark.getAttribute("href"), { x: xOf(mark) });
    }
  });

  document.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof Element) || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const mark = target.closest(".vt-svg .vt-event, .vt-svg .vt-group");
    if (!mark) return;
    event.preventDefault();
    if (dragged) return;
    focusMark(mark);
    if (mark.classList.contains("vt-event")) openCard(mark);
    else navigate(mark.getAttribute("href"), { x: xOf(mark) });
  }, true);

  for (const [type, on] of [["mouseover", true], ["mouseout", false], ["focusin", true], ["focusout", false]]) {
    document.addEventListener(type, (event) => {
      const mark = event.target instanceof Element && event.target.closest(".vt-event, .vt-group");
      if (!mark) return;
      highlight(mark.dataset.event, on);
      // The whole title as a tooltip, written on demand rather than in every mark of the page.
      if (on && !mark.querySelector("title")) {
        const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = mark.getAttribute("aria-label");
        mark.prepend(title);
      }
    });
  }

  // The wheel zooms around the day under the pointer; it waits for a clear turn of the wheel.
  let wheel = 0;
  document.addEventListener("wheel", (event) => {
    const svg = event.target instanceof Element && event.target.closest(".vt-svg");
    if (!svg || event.ctrlKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) return;
    event.preventDefault();
    wheel += event.deltaY;
    if (busy || Math.abs(wheel) < 60) return;
    const x = event.clientX - svg.getBoundingClientRect().left;
    if (wheel < 0) zoomIn(dateAt(svg, x), { x });
    else zoomOut({ x });
    wheel = 0;
  }, { passive: false });

  // Dragging with the mouse moves through time; on a touch screen the finger scrolls the lanes.
  let drag = null;
  document.addEventListener("pointerdown", (event) => {
    const svg = event.target instanceof Element && event.target.closest(".vt-svg");
    dragged = false;
    if (!svg || event.pointerType !== "mouse" || event.button !== 0) return;
    const root = results();
    if (!root.dataset.from && !root.dataset.to) return;
    drag = { svg, x: event.clientX, start: event.clientX - svg.getBoundingClientRect().left };
  });
  document.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    if (Math.abs(dx) > 6) {
      dragged = true;
      drag.svg.classList.add("is-dragging");
      drag.svg.style.transform = `translateX(${dx}px)`;
    }
  });
  document.addEventListener("pointerup", (event) => {
    if (!drag) return;
    const { svg, x, start } = drag;
    drag = null;
    svg.classList.remove("is-dragging");
    const dx = event.clientX - x;
    if (!dragged) return;
    const piece = pieceAt(svg, start);
    const days = Math.round((-dx * (piece.last - piece.first)) / piece.width);
    svg.style.transform = "";
    panBy(days);
    setTimeout(() => { dragged = false; }, 0);
  });

  // A toolbar link keeps the focus on its own successor once the new window is in place.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const link = event.target instanceof Element && event.target.closest(".vt-toolbar a[data-vt]");
    if (link) pendingFocus = { toolbar: link.dataset.vt };
  });
  // On a phone the filters fold away at first, so that the lanes are on the first screen.
  function foldFilters() {
    const filters = document.querySelector("details.vt-filters");
    const form = filters && filters.querySelector("form");
    const chosen = form && Array.from(new FormData(form).entries()).some(([name, value]) => value && name !== "from" && name !== "to");
    if (filters && !chosen && window.matchMedia("(max-width: 40rem)").matches) filters.open = false;
  }

  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.target instanceof Element && event.target.id === "results") settle(null);
  });
  const start = () => {
    foldFilters();
    settle(null);
    // When the drawing is ready to use (read by bench/timeline.py).
    if (window.performance && performance.mark) performance.mark("summit:visual-ready");
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
