// The zoomable timeline: events placed by date at the precision the text gives (a dot for a
// day, a bar for a month or a year). Data: <svg id="timeline" data-src="/timeline.json?...">.
// Wheel, pinch or the buttons zoom; dragging pans; each event links to its sentence.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var AXIS_H = 34, LANE_H = 32, BAR_H = 9, PAD_X = 12;
  var CHAR_W = 6.3, MAX_LABEL = 190;    // label width estimate (px per character, cap)
  var MIN_SPAN = 3 * DAY;
  var TICK_PX = 80;                    // at least this many pixels between ticks
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  var svg = document.getElementById("timeline");
  if (!svg) return;

  function make(name, attrs, parent) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(el);
    return el;
  }
  function ms(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }

  var events = [], full = null, d0 = 0, d1 = 1;

  function width() { return Math.max(svg.clientWidth, 200); }
  function height() { return Math.max(svg.clientHeight, 120); }
  function x(t) { return PAD_X + (t - d0) / (d1 - d0) * (width() - 2 * PAD_X); }
  function timeAt(px) { return d0 + (px - PAD_X) / (width() - 2 * PAD_X) * (d1 - d0); }

  // Tick units from fine to coarse: [name, approximate length, step].
  var UNITS = [["day", DAY, 1], ["day", DAY, 2], ["day", DAY, 7], ["month", 30 * DAY, 1], ["month", 30 * DAY, 3],
               ["year", 365 * DAY, 1], ["year", 365 * DAY, 5], ["year", 365 * DAY, 10],
               ["year", 365 * DAY, 50]];

  function ticks() {
    var per = (d1 - d0) / width() * TICK_PX;
    var unit = UNITS[UNITS.length - 1];
    for (var i = 0; i < UNITS.length; i++) {
      if (UNITS[i][1] * UNITS[i][2] >= per) { unit = UNITS[i]; break; }
    }
    var out = [], d = new Date(d0), t;
    if (unit[0] === "day") {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      for (; t <= d1; t += unit[2] * DAY) {
        var day = new Date(t), newYear = day.getUTCDate() === 1 && day.getUTCMonth() === 0;
        out.push({ t: t, major: day.getUTCDate() === 1,
                   text: day.getUTCDate() + " " + MONTHS[day.getUTCMonth()] +
                         (newYear ? " " + day.getUTCFullYear() : "") });
      }
    } else if (unit[0] === "month") {
      var y = d.getUTCFullYear(), m = d.getUTCMonth() - d.getUTCMonth() % unit[2];
      for (t = Date.UTC(y, m, 1); t <= d1; m += unit[2], t = Date.UTC(y, m, 1)) {
        var md = new Date(t);
        out.push({ t: t, major: md.getUTCMonth() === 0,
                   text: MONTHS[md.getUTCMonth()] + " " + md.getUTCFullYear() });
      }
    } else {
      var year = d.getUTCFullYear() - d.getUTCFullYear() % unit[2];
      for (t = Date.UTC(year, 0, 1); t <= d1; year += unit[2], t = Date.UTC(year, 0, 1)) {
        out.push({ t: t, major: year % (unit[2] * 10) === 0, text: String(year) });
      }
    }
    return out.filter(function (k) { return k.t >= d0; });
  }

  function label(e) {
    var text = e.type + ": " + e.trigger;
    if (e.who.length) text += " — " + e.who.map(function (p) { return p.name; }).join(", ");
    return text;
  }

  function render() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var w = width(), h = height();
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    var axis = make("g", { "class": "axis" }, svg);
    ticks().forEach(function (k) {
      var g = make("g", { "class": k.major ? "major" : "minor" }, axis);
      make("line", { x1: x(k.t), x2: x(k.t), y1: AXIS_H - 8, y2: h }, g);
      make("text", { x: x(k.t) + 3, y: AXIS_H - 14 }, g).textContent = k.text;
    });
    var lanes = [], maxLanes = Math.max(1, Math.floor((h - AXIS_H - 6) / LANE_H));
    var layer = make("g", { "class": "events" }, svg);
    events.forEach(function (e) {
      var x0 = x(e.t0), x1 = Math.max(x(e.t1), x0 + 2);
      var text = label(e);
      var textW = Math.min(MAX_LABEL, text.length * CHAR_W);
      var dot = e.precision === "day" && x1 - x0 < 10;
      var left = dot ? x0 - 5 : x0;
      var right = Math.max(dot ? x0 + 5 : x1, left + textW);
      if (right < 0 || left > w) return;
      var lane = 0;
      while (lane < lanes.length && lanes[lane] > left - 8) lane++;
      if (lane >= maxLanes) lane = maxLanes - 1;
      lanes[lane] = Math.max(lanes[lane] || -Infinity, right);
      var y = AXIS_H + 6 + lane * LANE_H;
      var first = e.sentences[0];
      var a = make("a", first ? { href: first.href } : {}, layer);
      make("title", {}, a).textContent = e.label + " · " + text +
        (first ? "\n" + (first.outlet || "unknown outlet") + ": " + first.text : "");
      if (dot) {
        make("circle", { "class": "mark p-day", cx: x0, cy: y + BAR_H / 2, r: 5 }, a);
      } else {
        make("rect", { "class": "mark p-" + e.precision, x: x0, y: y, width: x1 - x0,
                       height: BAR_H, rx: 2 }, a);
      }
      var t = make("text", { "class": "ev-label", x: Math.max(left, 2), y: y + BAR_H + 12 }, a);
      t.textContent = text.length * CHAR_W > MAX_LABEL
        ? text.slice(0, Math.floor(MAX_LABEL / CHAR_W) - 1) + "…" : text;
    });
  }

  function zoomAt(factor, px) {
    var t = timeAt(px);
    var maxSpan = (full[1] - full[0]) * 4;
    var span = Math.min(maxSpan, Math.max(MIN_SPAN, (d1 - d0) / factor));
    var frac = (t - d0) / (d1 - d0);
    d0 = t - frac * span;
    d1 = d0 + span;
    render();
  }
  function reset() { d0 = full[0]; d1 = full[1]; render(); }

  // --- interaction -----------------------------------------------------------------------
  var pointers = {}, drag = null;
  function clientX(evt) { return evt.clientX - svg.getBoundingClientRect().left; }
  function pinch() {
    var ids = Object.keys(pointers);
    if (ids.length !== 2) return null;
    var a = pointers[ids[0]], b = pointers[ids[1]];
    return { d: Math.abs(a.clientX - b.clientX) || 1, mid: (clientX(a) + clientX(b)) / 2 };
  }
  svg.addEventListener("pointerdown", function (evt) {
    pointers[evt.pointerId] = evt;
    drag = { x0: evt.clientX, d0: d0, d1: d1, pinch: pinch(), moved: false, id: evt.pointerId };
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag || !pointers[evt.pointerId]) return;
    pointers[evt.pointerId] = evt;
    var p = pinch();
    if (p && drag.pinch) {
      zoomAt(p.d / drag.pinch.d, p.mid);
      drag.pinch = p;
      drag.moved = true;
      return;
    }
    var dx = evt.clientX - drag.x0;
    if (Math.abs(dx) > 3 && !drag.moved) {
      drag.moved = true;
      svg.setPointerCapture(evt.pointerId);
    }
    if (!drag.moved) return;
    var dt = -dx / (width() - 2 * PAD_X) * (drag.d1 - drag.d0);
    d0 = drag.d0 + dt;
    d1 = drag.d1 + dt;
    render();
  });
  function end(evt) {
    delete pointers[evt.pointerId];
    if (drag && drag.moved) {
      // a pan must not follow the link under the pointer
      svg.addEventListener("click", function (e) { e.preventDefault(); },
                           { once: true, capture: true });
    }
    if (!Object.keys(pointers).length) drag = null;
  }
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    zoomAt(Math.exp(-evt.deltaY * 0.0015), clientX(evt));
  }, { passive: false });
  var controls = svg.parentNode.querySelector(".zoom-controls");
  if (controls) {
    controls.addEventListener("click", function (evt) {
      var what = evt.target.getAttribute("data-zoom");
      if (what === "in") zoomAt(1.5, width() / 2);
      else if (what === "out") zoomAt(1 / 1.5, width() / 2);
      else if (what === "reset") reset();
    });
  }
  window.addEventListener("resize", function () { if (full) render(); });

  fetch(svg.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      events = data.events.map(function (e) {
        return Object.assign({ t0: ms(e.start), t1: ms(e.end) }, e);
      }).sort(function (a, b) { return a.t0 - b.t0 || b.t1 - a.t1; });
      if (!events.length) {
        make("text", { x: 12, y: 40, "class": "ev-label" }, svg).textContent = "No dated events.";
        return;
      }
      var lo = events[0].t0, hi = Math.max.apply(null, events.map(function (e) { return e.t1; }));
      var pad = Math.max((hi - lo) * 0.05, 2 * DAY);
      full = [lo - pad, hi + pad];
      reset();
    })
    .catch(function () {
      make("text", { x: 12, y: 40, "class": "ev-label" }, svg).textContent =
        "The timeline could not be loaded.";
    });
})();
