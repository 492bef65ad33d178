// The zoomable time axis of the timeline page. Reads every matching event (column-wise: ids,
// start, days, type, bound) from the page's JSON block, draws one lane per event type, zooms
// with the wheel or buttons, and a drag across it filters the page to that period.
// Security: data only ever reaches the DOM through textContent and setAttribute.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var box = document.getElementById("axis");
  var block = document.getElementById("axis-data");
  if (!box || !block) return;
  var axis = JSON.parse(block.textContent);

  function iso(d) {
    return new Date(Math.round(d) * DAY).toISOString().slice(0, 10);
  }
  function typeClass(t) {
    return "t-" + String(t || "UNKNOWN").replace(/[^A-Za-z0-9_-]/g, "_").toUpperCase();
  }
  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  // Columns: ids, start (days since 1970), days (length - 1), type (index), bound (0/1).
  var events = [], undated = 0, counts = {};
  axis.ids.forEach(function (id, i) {
    var a = axis.start[i];
    if (a === null) { undated += 1; return; }
    var len = axis.days[i] || 0, type = axis.types[axis.type[i]], bound = axis.bound[i] === 1;
    if (bound) { a = a + len; len = 0; }  // only an upper bound: a hollow mark at it
    events.push({ id: id, a: a, b: a + len + 1, type: type, bound: bound });
    counts[type] = (counts[type] || 0) + 1;
  });
  var lanes = Object.keys(counts).sort(function (x, y) { return counts[y] - counts[x] || (x < y ? -1 : 1); });
  if (!events.length) {
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = undated ? undated + " events, none dated." : "No dated events to draw.";
    box.appendChild(p);
    return;
  }
  var lo = Math.min.apply(null, events.map(function (e) { return e.a; }));
  var hi = Math.max.apply(null, events.map(function (e) { return e.b; }));
  var pad = Math.max(1, (hi - lo) * 0.03);
  var full = [lo - pad, hi + pad], view = full.slice();
  var LEFT = 96, RIGHT = 12, LANE = 18, TOP = 6, AXIS = 26;
  var height = TOP + lanes.length * LANE + AXIS;

  var svg = el("svg", { role: "img", "aria-label": "Events over time", height: height });
  box.appendChild(svg);
  var clipId = "axis-clip";
  var defs = el("defs", {}, svg);
  var clipRect = el("rect", { x: LEFT, y: 0, height: height }, el("clipPath", { id: clipId }, defs));
  var grid = el("g", {}, svg);
  var lanesG = el("g", {}, svg);
  var dotsG = el("g", { "clip-path": "url(#" + clipId + ")" }, svg);
  var brush = el("rect", { class: "brush", y: TOP, height: lanes.length * LANE, width: 0, visibility: "hidden" }, svg);

  lanes.forEach(function (t, i) {
    var y = TOP + i * LANE + LANE / 2;
    el("line", { class: "lane", x1: LEFT, x2: "100%", y1: y, y2: y }, lanesG);
    var label = el("text", { class: "lane-label", x: LEFT - 8, y: y + 3, "text-anchor": "end" }, lanesG);
    label.textContent = t;
  });

  var dots = events.map(function (e, i) {
    var r = el("rect", { class: "dot " + typeClass(e.type) + (e.bound ? " bound" : ""), height: 10, rx: 4,
                         y: TOP + lanes.indexOf(e.type) * LANE + LANE / 2 - 5 }, dotsG);
    r.setAttribute("data-i", i);
    return r;
  });
  if (undated) {
    var note = el("text", { class: "note", x: "100%", dx: -RIGHT, y: height - 4, "text-anchor": "end" }, svg);
    note.textContent = "+ " + undated + " undated";
  }

  // The box width is read once per draw: reading it per dot would force a layout each time.
  var W = Math.max(300, box.clientWidth);
  function xOf(d) { return LEFT + (d - view[0]) / (view[1] - view[0]) * (W - LEFT - RIGHT); }
  function dOf(x) { return view[0] + (x - LEFT) / (W - LEFT - RIGHT) * (view[1] - view[0]); }

  function ticks() {
    var span = view[1] - view[0], out = [], d, step;
    var start = new Date(view[0] * DAY), y = start.getUTCFullYear(), m = start.getUTCMonth();
    if (span > 365 * 3) {
      step = Math.max(1, Math.ceil(span / 365 / 10));
      for (d = y - (y % step); Date.UTC(d, 0, 1) / DAY < view[1]; d += step) out.push([Date.UTC(d, 0, 1) / DAY, String(d)]);
    } else if (span > 60) {
      step = Math.max(1, Math.ceil(span / 30 / 10));
      for (d = m; Date.UTC(y, d, 1) / DAY < view[1]; d += step) out.push([Date.UTC(y, d, 1) / DAY, iso(Date.UTC(y, d, 1) / DAY).slice(0, 7)]);
    } else {
      step = Math.max(1, Math.ceil(span / 10));
      for (d = Math.ceil(view[0]); d < view[1]; d += step) out.push([d, iso(d)]);
    }
    return out.filter(function (t) { return t[0] >= view[0]; });
  }

  var tip = el("text", { class: "tip", visibility: "hidden" }, svg);
  dotsG.addEventListener("mouseover", function (ev) {
    var i = ev.target.getAttribute && ev.target.getAttribute("data-i");
    if (i === null || i === undefined) return;
    var e = events[+i], x = +ev.target.getAttribute("x");
    var when = e.bound ? "on or before " + iso(e.a) : e.b - e.a > 1 ? iso(e.a) + " – " + iso(e.b - 1) : iso(e.a);
    tip.textContent = e.type + " · " + when;
    tip.setAttribute("x", Math.min(x, W - 220));
    tip.setAttribute("y", +ev.target.getAttribute("y") - 3);
    tip.setAttribute("visibility", "visible");
  });
  dotsG.addEventListener("mouseout", function () { tip.setAttribute("visibility", "hidden"); });

  function draw() {
    W = Math.max(300, box.clientWidth);
    var w = W;
    svg.setAttribute("width", w);
    svg.setAttribute("viewBox", "0 0 " + w + " " + height);
    clipRect.setAttribute("width", w - LEFT - RIGHT);
    while (grid.firstChild) grid.removeChild(grid.firstChild);
    ticks().forEach(function (t) {
      var x = xOf(t[0]);
      el("line", { class: "tick-line", x1: x, x2: x, y1: TOP, y2: height - AXIS + 4 }, grid);
      el("text", { class: "tick-label", x: x, y: height - AXIS + 16 }, grid).textContent = t[1];
    });
    events.forEach(function (e, i) {
      var x0 = xOf(e.a), x1 = xOf(e.b), wd = Math.max(8, x1 - x0);
      dots[i].setAttribute("x", (x0 + x1) / 2 - wd / 2);
      dots[i].setAttribute("width", wd);
    });
  }

  function zoom(factor, centre) {
    var c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
    var span = Math.min(full[1] - full[0], Math.max(2, (view[1] - view[0]) * factor));
    var a = c - (c - view[0]) / (view[1] - view[0]) * span;
    view = clamp([a, a + span]);
    draw();
  }
  function clamp(v) {
    var span = v[1] - v[0];
    if (v[0] < full[0]) v = [full[0], full[0] + span];
    if (v[1] > full[1]) v = [full[1] - span, full[1]];
    return v;
  }
  function pan(dir) {
    var span = view[1] - view[0];
    view = clamp([view[0] + dir * span * 0.25, view[1] + dir * span * 0.25]);
    draw();
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = svg.getBoundingClientRect();
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, dOf(ev.clientX - rect.left));
  }, { passive: false });

  document.querySelectorAll(".axis-tools [data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var how = b.getAttribute("data-zoom");
      if (how === "reset") { view = full.slice(); draw(); } else { zoom(how === "in" ? 0.5 : 2); }
    });
  });
  document.querySelectorAll(".axis-tools [data-pan]").forEach(function (b) {
    b.addEventListener("click", function () { pan(+b.getAttribute("data-pan")); });
  });

  // Brush: drag across the axis to fill the form's from/to and reload the filtered page.
  var dragFrom = null;
  svg.addEventListener("mousedown", function (ev) {
    if (ev.button !== 0) return;
    dragFrom = ev.clientX - svg.getBoundingClientRect().left;
  });
  window.addEventListener("mousemove", function (ev) {
    if (dragFrom === null) return;
    var x = ev.clientX - svg.getBoundingClientRect().left;
    brush.setAttribute("x", Math.min(x, dragFrom));
    brush.setAttribute("width", Math.abs(x - dragFrom));
    brush.setAttribute("visibility", "visible");
  });
  window.addEventListener("mouseup", function (ev) {
    if (dragFrom === null) return;
    var x = ev.clientX - svg.getBoundingClientRect().left, start = dragFrom;
    dragFrom = null;
    brush.setAttribute("visibility", "hidden");
    if (Math.abs(x - start) < 6) { openEvent(ev.target); return; }
    var form = document.getElementById("filters");
    if (!form) return;
    form.elements["from"].value = iso(Math.floor(dOf(Math.min(x, start))));
    form.elements["to"].value = iso(Math.floor(dOf(Math.max(x, start))));
    form.submit();
  });

  function openEvent(target) {
    var i = target && target.getAttribute && target.getAttribute("data-i");
    if (i === null || i === undefined) return;
    var id = events[+i].id;
    var item = document.getElementById("e-" + id);
    if (item) {
      var details = item.querySelector("details");
      if (details) details.open = true;
      item.scrollIntoView({ block: "center" });
      if (history.replaceState) history.replaceState(null, "", "#e-" + id);
    } else {
      window.location.href = "/events/" + encodeURIComponent(id);
    }
  }

  window.addEventListener("resize", draw);
  draw();
})();
