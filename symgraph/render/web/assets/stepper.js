// The stepper: every step is a list of updates [field, node id, svg before, svg after, cell before,
// cell after]; Next applies the "after" texts, Previous restores the "before" texts. No network, no eval.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("symgraph-data").textContent);
  var steps = data.steps, N = steps.length, k = 0, timer = null;
  var svgNodes = {}, svgEdges = {}, cells = {};
  document.querySelectorAll("#circuit g.node").forEach(function (g) {
    svgNodes[g.getAttribute("data-id")] = {g: g, v: g.querySelector("text.value"), g_: g.querySelector("text.grad")};
  });
  // an edge's local-partial label is lit with it: on a short wire the label covers most of the line
  var labels = {};
  document.querySelectorAll("#circuit g.local").forEach(function (g) {
    labels[g.getAttribute("data-src") + ">" + g.getAttribute("data-dst")] = g;
  });
  document.querySelectorAll("#circuit g.edge").forEach(function (g) {
    var key = g.getAttribute("data-edge"), label = labels[g.getAttribute("data-src") + ">" + g.getAttribute("data-dst")];
    (svgEdges[key] = svgEdges[key] || []).push(g);
    if (label && svgEdges[key].indexOf(label) < 0) svgEdges[key].push(label);
  });
  document.querySelectorAll("#table tr[data-id]").forEach(function (tr) {
    cells[tr.getAttribute("data-id")] = {tr: tr, v: tr.querySelector("td.value"), l: tr.querySelector("td.local"),
                                         g: tr.querySelector("td.adjoint")};
  });
  // A big table is windowed: only the rows around the current step are in the document (a change to one
  // cell of a 5,000-row table otherwise costs the browser a layout of every row, 0.1 s a step). The rows
  // left out stay in rowList and are still updated by the steps.
  var rowList = Array.prototype.slice.call(document.querySelectorAll("#table tr[data-id]"));
  var rowIndex = {};
  rowList.forEach(function (tr, j) { rowIndex[tr.getAttribute("data-id")] = j; });
  var WINDOW = 30, windowed = rowList.length > 400, lo = 0, hi = rowList.length;
  var tbody = rowList.length ? rowList[0].parentNode : null;
  var tableNote = document.createElement("p");
  tableNote.id = "table-note";
  if (windowed) document.getElementById("table").before(tableNote);

  function showAround(i) {
    if (!windowed) return;
    var a = Math.max(0, i - WINDOW), b = Math.min(rowList.length, i + WINDOW + 1);
    if (a === lo && b === hi) return;
    tbody.replaceChildren.apply(tbody, rowList.slice(a, b));
    lo = a; hi = b;
    tableNote.textContent = "Table rows " + (a + 1) + "–" + b + " of " + rowList.length +
      ": the rows around the current step (a big table is shown in a window).";
  }

  var text = document.getElementById("step-text"), index = document.getElementById("step-index");
  var prev = document.getElementById("prev"), next = document.getElementById("next"), play = document.getElementById("play");
  var fresh = [];      // the elements the current step lit (cells, edge, node, row)

  function set(update, after) {
    var field = update[0], id = String(update[1]);
    var svgText = after ? update[3] : update[2], cellText = after ? update[5] : update[4];
    var node = svgNodes[id], row = cells[id];
    if (node && field !== "l") {
      var el = field === "v" ? node.v : node.g_;
      if (el) { el.textContent = svgText; }
    }
    if (row && row[field]) row[field].textContent = cellText;
  }

  function apply(step, after) {
    var updates = step[3];
    if (after) { for (var i = 0; i < updates.length; i++) set(updates[i], true); }
    else { for (var j = updates.length - 1; j >= 0; j--) set(updates[j], false); }
  }

  function highlight() {
    // only the elements lit by the previous step are cleared: no search of a page of thousands of rows
    fresh.forEach(function (el) { el.classList.remove("fresh", "active", "current"); });
    fresh = [];
    if (k === 0) { text.textContent = data.intro; showAround(0); return; }
    var step = steps[k - 1];
    text.textContent = step[2];
    step[3].forEach(function (u) {      // the cells this step just filled
      var r = cells[String(u[1])];
      if (r && r[u[0]]) { r[u[0]].classList.add("fresh"); fresh.push(r[u[0]]); }
    });
    (svgEdges[step[0]] || []).forEach(function (g) { g.classList.add("active"); fresh.push(g); });
    var node = svgNodes[String(step[1])], row = cells[String(step[1])];
    if (node) { node.g.classList.add("current"); fresh.push(node.g); }
    if (row) {
      showAround(rowIndex[String(step[1])]);
      row.tr.classList.add("current");
      fresh.push(row.tr);
      var wrap = document.getElementById("table-wrap"), top = row.tr.offsetTop, h = row.tr.offsetHeight;
      if (top < wrap.scrollTop + h || top + h > wrap.scrollTop + wrap.clientHeight) {
        wrap.scrollTop = top - wrap.clientHeight / 2;
      }
    }
  }

  function go(target) {
    target = Math.max(0, Math.min(N, target));
    while (k < target) { apply(steps[k], true); k++; }
    while (k > target) { k--; apply(steps[k], false); }
    highlight();
    index.textContent = k + "/" + N;
    prev.disabled = k === 0;
    next.disabled = k === N;
    play.disabled = N === 0;
    if (k === N) stop();
  }

  function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = "▶ Play"; }
  function start() {
    if (k === N) go(0);
    timer = setInterval(function () { go(k + 1); }, 900);
    play.textContent = "❚❚ Pause";
  }

  // the page is written with the final numbers in the circuit: blank them (a number no step fills, such as
  // an unnamed node's adjoint on the check page, stays blank), then undo every step to reach step 0
  Object.keys(svgNodes).forEach(function (id) {
    if (svgNodes[id].v) svgNodes[id].v.textContent = "";
    if (svgNodes[id].g_) svgNodes[id].g_.textContent = "";
  });
  for (var s = N - 1; s >= 0; s--) apply(steps[s], false);
  prev.addEventListener("click", function () { stop(); go(k - 1); });
  next.addEventListener("click", function () { stop(); go(k + 1); });
  play.addEventListener("click", function () { if (timer) stop(); else start(); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowRight") { stop(); go(k + 1); e.preventDefault(); }
    else if (e.key === "ArrowLeft") { stop(); go(k - 1); e.preventDefault(); }
  });
  go(data.start || 0);
})();
