// The entity page's knowledge-graph view: a force-directed layout in plain SVG.
// Data: <svg id="graph" data-src="/entity/ID/graph.json">. Drag a node to move it, drag the
// background to pan, wheel / pinch / buttons to zoom; a click on a node opens its page.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var TYPES = { PERSON: 1, ORG: 1, GPE: 1, LOC: 1, FAC: 1, NORP: 1 };
  var REPULSION = 6000;      // pairwise push
  var SPRING = 0.02;         // pull along an edge towards its rest length
  var REST_CENTER = 170;     // rest length of an edge to the centre node
  var REST_OTHER = 150;
  var FIT_MARGIN = 60;       // room around the nodes (for labels) when fitting the view
  var GRAVITY = 0.012;       // pull towards the middle
  var DAMPING = 0.82;
  var COOLING = 0.985;
  var MIN_ALPHA = 0.004;
  var CLICK_SLOP = 4;        // pixels a pointer may move and still click
  var ZOOM_MIN = 0.2, ZOOM_MAX = 6;

  var svg = document.getElementById("graph");
  if (!svg) return;

  function make(name, attrs, parent) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(el);
    return el;
  }

  var rect = svg.getBoundingClientRect();
  var base = { w: 800, h: 800 * Math.max(rect.height, 1) / Math.max(rect.width, 1) };
  base.x = -base.w / 2;
  base.y = -base.h / 2;
  var view = { x: base.x, y: base.y, w: base.w, h: base.h };
  function setView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  }
  setView();

  function toSvg(evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX;
    p.y = evt.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }

  function zoomAt(factor, cx, cy) {
    touched = true;
    var w = Math.min(base.w / ZOOM_MIN, Math.max(base.w / ZOOM_MAX, view.w / factor));
    var k = w / view.w;
    view.x = cx - (cx - view.x) * k;
    view.y = cy - (cy - view.y) * k;
    view.w = w;
    view.h = view.h * k;
    setView();
  }

  var nodes = [], edges = [], byId = {}, alpha = 1, running = false, touched = false;

  // Until the user zooms or pans, the view follows the layout: every node in sight.
  function fit() {
    if (touched || !nodes.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y);
      x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y);
    });
    var aspect = base.h / base.w;
    var w = Math.max(x1 - x0 + 2 * FIT_MARGIN, (y1 - y0 + 2 * FIT_MARGIN) / aspect, 300);
    var h = w * aspect;
    base = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h };
    view = Object.assign({}, base);
    setView();
  }
  var edgeLayer = make("g", { "class": "edges" }, svg);
  var nodeLayer = make("g", { "class": "nodes" }, svg);

  function build(data) {
    var golden = Math.PI * (3 - Math.sqrt(5));
    data.nodes.forEach(function (n, i) {
      var r = n.center ? 0 : 90 + 14 * Math.sqrt(i);
      var node = {
        id: n.id, name: n.name, type: n.type, href: n.href, center: n.center,
        x: r * Math.cos(i * golden), y: r * Math.sin(i * golden), vx: 0, vy: 0,
        r: n.center ? 16 : Math.min(18, 6 + 2.2 * Math.sqrt(n.weight || 1))
      };
      nodes.push(node);
      byId[n.id] = node;
    });
    data.edges.forEach(function (e) {
      var s = byId[e.source], t = byId[e.target];
      if (!s || !t) return;
      var edge = { s: s, t: t, rest: s.center || t.center ? REST_CENTER : REST_OTHER };
      edge.el = make("line", {
        "class": "edge" + (s.center || t.center ? " center" : ""),
        "stroke-width": Math.min(6, 0.8 + Math.log(1 + e.weight))
      }, edgeLayer);
      make("title", {}, edge.el).textContent =
        s.name + " – " + t.name + ": " + e.articles + " articles, " + e.events + " events";
      edges.push(edge);
    });
    nodes.forEach(function (n) {
      var a = make("a", { "class": "node" + (n.center ? " center" : ""), href: n.href }, nodeLayer);
      a.setAttribute("data-id", n.id);
      make("circle", { r: n.r, "class": "n-" + (TYPES[n.type] ? n.type : "other") }, a);
      make("text", { dy: -n.r - 4, "text-anchor": "middle" }, a).textContent = n.name;
      make("title", {}, a).textContent = n.name + " (" + n.type + ")";
      n.el = a;
      bindNode(n);
    });
    heat(1);
  }

  function tick() {
    var i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < nodes.length; i++) {
      for (j = i + 1; j < nodes.length; j++) {
        a = nodes[i]; b = nodes[j];
        dx = b.x - a.x; dy = b.y - a.y;
        d2 = Math.max(dx * dx + dy * dy, 36);
        f = REPULSION / d2 * alpha;
        d = Math.sqrt(d2);
        a.vx -= f * dx / d; a.vy -= f * dy / d;
        b.vx += f * dx / d; b.vy += f * dy / d;
      }
    }
    edges.forEach(function (e) {
      dx = e.t.x - e.s.x; dy = e.t.y - e.s.y;
      d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      f = SPRING * (d - e.rest) * alpha;
      e.s.vx += f * dx / d; e.s.vy += f * dy / d;
      e.t.vx -= f * dx / d; e.t.vy -= f * dy / d;
    });
    nodes.forEach(function (n) {
      if (n.pinned) { n.vx = n.vy = 0; return; }
      if (n.center && !n.moved) { n.x = n.y = n.vx = n.vy = 0; return; }
      n.vx = (n.vx - n.x * GRAVITY * alpha) * DAMPING;
      n.vy = (n.vy - n.y * GRAVITY * alpha) * DAMPING;
      n.x += n.vx; n.y += n.vy;
    });
  }

  function draw() {
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.s.x.toFixed(1)); e.el.setAttribute("y1", e.s.y.toFixed(1));
      e.el.setAttribute("x2", e.t.x.toFixed(1)); e.el.setAttribute("y2", e.t.y.toFixed(1));
    });
    nodes.forEach(function (n) {
      n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
    });
  }

  function frame() {
    for (var k = 0; k < 3; k++) { tick(); alpha *= COOLING; }
    draw();
    fit();
    if (alpha > MIN_ALPHA) window.requestAnimationFrame(frame);
    else running = false;
  }

  function heat(level) {
    alpha = Math.max(alpha, level);
    if (!running) { running = true; window.requestAnimationFrame(frame); }
  }

  // --- interaction -----------------------------------------------------------------------
  var drag = null;      // {node} or {pan: true}
  var pointers = {};    // active pointers on the background, for pinch

  function bindNode(n) {
    n.el.addEventListener("pointerdown", function (evt) {
      evt.stopPropagation();
      n.el.setPointerCapture(evt.pointerId);
      drag = { node: n, x0: evt.clientX, y0: evt.clientY, moved: false };
      n.pinned = true;
    });
    n.el.addEventListener("pointermove", function (evt) {
      if (!drag || drag.node !== n) return;
      if (Math.abs(evt.clientX - drag.x0) + Math.abs(evt.clientY - drag.y0) > CLICK_SLOP) {
        drag.moved = true;
      }
      if (!drag.moved) return;
      var p = toSvg(evt);
      n.x = p.x; n.y = p.y; n.moved = true;
      heat(0.3);
      draw();
    });
    n.el.addEventListener("pointerup", function () {
      if (drag && drag.node === n) { n.pinned = false; n.dragged = drag.moved; }
      drag = null;
    });
    n.el.addEventListener("click", function (evt) {
      if (n.dragged) { evt.preventDefault(); n.dragged = false; }
    });
  }

  function pinchDistance() {
    var ids = Object.keys(pointers);
    if (ids.length !== 2) return null;
    var a = pointers[ids[0]], b = pointers[ids[1]];
    return { d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
             mid: { clientX: (a.clientX + b.clientX) / 2, clientY: (a.clientY + b.clientY) / 2 } };
  }

  svg.addEventListener("pointerdown", function (evt) {
    svg.setPointerCapture(evt.pointerId);
    pointers[evt.pointerId] = evt;
    drag = { pan: true, x0: evt.clientX, y0: evt.clientY, view: Object.assign({}, view),
             pinch: pinchDistance() };
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag || !drag.pan) return;
    pointers[evt.pointerId] = evt;
    var pinch = pinchDistance();
    if (pinch && drag.pinch) {
      var c = toSvg(pinch.mid);
      zoomAt(pinch.d / drag.pinch.d, c.x, c.y);
      drag.pinch = pinch;
      return;
    }
    touched = true;
    var scale = view.w / Math.max(svg.clientWidth, 1);
    view.x = drag.view.x - (evt.clientX - drag.x0) * scale;
    view.y = drag.view.y - (evt.clientY - drag.y0) * scale;
    setView();
  });
  function endPointer(evt) {
    delete pointers[evt.pointerId];
    if (drag && drag.pan) drag = Object.keys(pointers).length ? drag : null;
  }
  svg.addEventListener("pointerup", endPointer);
  svg.addEventListener("pointercancel", endPointer);
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    zoomAt(Math.exp(-evt.deltaY * 0.0015), p.x, p.y);
  }, { passive: false });

  var controls = svg.parentNode.querySelector(".zoom-controls");
  if (controls) {
    controls.addEventListener("click", function (evt) {
      var what = evt.target.getAttribute("data-zoom");
      var cx = view.x + view.w / 2, cy = view.y + view.h / 2;
      if (what === "in") zoomAt(1.3, cx, cy);
      else if (what === "out") zoomAt(1 / 1.3, cx, cy);
      else if (what === "reset") { view = Object.assign({}, base); setView(); }
    });
  }

  fetch(svg.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(build)
    .catch(function () {
      make("text", { x: 0, y: 0, "text-anchor": "middle" }, svg).textContent =
        "The graph could not be loaded.";
    });
})();
