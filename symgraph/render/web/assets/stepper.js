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
  // an edge's local-partial label is lit with it: on a short wire the label covers most of the line.
  // Its number needs the forward values: it is blank until the forward step of the node it feeds.
  var labels = {}, localTexts = {};
  document.querySelectorAll("#circuit g.local").forEach(function (g) {
    labels[g.getAttribute("data-src") + ">" + g.getAttribute("data-dst")] = g;
    var dst = g.getAttribute("data-dst");
    g.querySelectorAll("text").forEach(function (t) {
      (localTexts[dst] = localTexts[dst] || []).push([t, t.textContent]);
      t.textContent = "";
    });
  });
  // the results are the last pass's: shown only once every step is done
  var finals = document.querySelectorAll("[data-final]"), pending = document.querySelectorAll("[data-pending]");
  document.querySelectorAll("#circuit g.edge").forEach(function (g) {
    var key = g.getAttribute("data-edge"), label = labels[g.getAttribute("data-src") + ">" + g.getAttribute("data-dst")];
    (svgEdges[key] = svgEdges[key] || []).push(g);
    if (label && svgEdges[key].indexOf(label) < 0) svgEdges[key].push(label);
  });
  document.querySelectorAll("#table tr[data-id]").forEach(function (tr) {
    cells[tr.getAttribute("data-id")] = {tr: tr, v: tr.querySelector("td.value"), l: tr.querySelector("td.local"),
                                         g: tr.querySelector("td.adjoint"), t: tr.querySelector("td.tangent")};
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
    if (field === "l") {
      (localTexts[id] || []).forEach(function (p) { p[0].textContent = after ? p[1] : ""; });
    }
    if (node && (field === "v" || field === "g")) {
      var el = field === "v" ? node.v : node.g_;
      if (el) { el.textContent = svgText; }
    }
    if (row && row[field]) row[field].textContent = cellText;
  }

  // Practice mode: the number a quiz item asks for stays hidden (its "before" text) until it is answered.
  var items = {}, answers = {}, practicing = false;
  (data.items || []).forEach(function (q) { items[q.s] = q; });
  function asking(s) { return practicing && items[s] !== undefined && answers[s] === undefined; }
  function hidden(s, update) {
    var q = items[s];
    return asking(s) && update[0] === q.f && String(update[1]) === String(q.id);
  }

  function apply(s, after) {
    var updates = steps[s][3];
    if (after) { for (var i = 0; i < updates.length; i++) set(updates[i], !hidden(s, updates[i])); }
    else { for (var j = updates.length - 1; j >= 0; j--) set(updates[j], false); }
  }

  function highlight() {
    // only the elements lit by the previous step are cleared: no search of a page of thousands of rows
    fresh.forEach(function (el) { el.classList.remove("fresh", "active", "current"); });
    fresh = [];
    showQuestion();
    if (k === 0) { text.textContent = practicing ? practiceIntro() : data.intro; showAround(0); return; }
    var step = steps[k - 1];
    text.textContent = asking(k - 1) ? items[k - 1].text : step[2];
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
    if (target > k && asking(k - 1)) { stop(); return; }              // answer the question first
    while (k < target && !asking(k - 1)) { apply(k, true); k++; }    // a practice question stops the run
    while (k > target) { k--; apply(k, false); }
    highlight();
    index.textContent = k + "/" + N;
    prev.disabled = k === 0;
    next.disabled = k === N || asking(k - 1);
    play.disabled = N === 0;
    var done = k === N && !asking(k - 1);
    finals.forEach(function (el) { el.hidden = !done; });
    pending.forEach(function (el) { el.hidden = done; });
    if (k === N || asking(k - 1)) stop();
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
  for (var s = N - 1; s >= 0; s--) apply(s, false);
  prev.addEventListener("click", function () { stop(); go(k - 1); });
  next.addEventListener("click", function () { stop(); go(k + 1); });
  play.addEventListener("click", function () { if (timer) stop(); else start(); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target === answer) return;
    if (e.key === "ArrowRight") { stop(); go(k + 1); e.preventDefault(); }
    else if (e.key === "ArrowLeft") { stop(); go(k - 1); e.preventDefault(); }
  });

  // --- practice -------------------------------------------------------------------------------------------
  // judge(typed, truth): check's rounding rule (symgraph/judging/judge.py, tolerance and judge_numeric),
  // mirrored exactly: a decimal written with k digits after the point is right within half a unit of its
  // last digit (plus 1e-12 relative); any other number within 1e-6 + 1e-6·|true|. null: not a number.
  function judge(typed, truth) {
    var m = /^\s*([-\u2212]?)\s*(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.exec(typed);
    if (!m) return null;
    var claimed = Number((m[1] ? "-" : "") + m[2] + (m[3] || ""));
    var atol = 1e-6, rtol = 1e-6, how = "within ±(1e-06 + 1e-06·|true|)";
    var point = m[2].indexOf(".");
    var decimals = point < 0 ? 0 : m[2].length - point - 1;
    if (decimals) {
      var unit = Number("1e" + ((m[3] ? parseInt(m[3].slice(1), 10) : 0) - decimals));
      atol = 0.5 * unit * (1 + 1e-9);
      rtol = 1e-12;
      how = m[3] ? "rounded to the digits written" : "rounded to " + decimals + " decimal" + (decimals > 1 ? "s" : "");
    }
    return {right: Math.abs(claimed - truth) <= atol + rtol * Math.abs(truth), how: how};
  }
  window.symgraphJudge = judge;      // the tests compare it with check's judge on a table of cases

  var box = document.getElementById("practice"), toggle = document.getElementById("practice-toggle");
  var form = document.getElementById("practice-form"), ask = document.getElementById("practice-ask");
  var answer = document.getElementById("practice-answer"), reveal = document.getElementById("practice-reveal");
  var feedback = document.getElementById("practice-feedback"), score = document.getElementById("practice-score");
  var total = Object.keys(items).length;
  function practiceIntro() {
    return "Practice: step with Next or →; at each tangent and adjoint, type its value and press Enter (" +
      total + " to find). The values are judged as symgraph check judges a claim.";
  }
  function scoreText() {
    var done = Object.keys(answers), right = done.filter(function (s) { return answers[s]; }).length;
    var end = k === N && !asking(k - 1);
    return (end ? "Final score: " : "Score so far: ") + right + " of " + done.length + " right" +
      (end ? " (" + total + " questions)." : ", " + (total - done.length) + " to go.");
  }
  function showQuestion() {
    if (!box) return;
    box.hidden = !practicing;
    score.textContent = practicing ? scoreText() : "";
    var open = practicing && k > 0 && asking(k - 1);
    form.hidden = !open;
    if (open) {
      ask.textContent = "Type " + items[k - 1].ask + " =";
      answer.value = "";
      answer.focus();
    }
  }
  function settle(right, typed, how) {
    var q = items[k - 1], s = k - 1;
    answers[s] = right;
    steps[s][3].forEach(function (u) { set(u, true); });       // the number now appears
    var truth = steps[s][3].filter(function (u) { return u[0] === q.f; })[0][5];
    feedback.className = right ? "ok" : "bad";
    feedback.replaceChildren();
    var head = document.createElement("p");
    head.textContent = right ? "✓ right: " + q.ask + " = " + truth + " (" + typed + ", " + how + ")." :
      "✗ " + (typed === null ? "shown" : "wrong: you typed " + typed) + "; " + q.ask + " = " + truth + ".";
    feedback.appendChild(head);
    if (!right) {
      var rule = document.createElement("p"), list = document.createElement("ul");
      rule.textContent = "The rule: " + q.rule + ". The pieces it combines:";
      q.pieces.forEach(function (p) { var li = document.createElement("li"); li.textContent = p; list.appendChild(li); });
      feedback.appendChild(rule);
      feedback.appendChild(list);
    }
    go(k);
    (k === N ? score : next).focus();
  }
  if (box && total) {
    toggle.parentNode.hidden = false;
    toggle.checked = !!data.practice;
    practicing = toggle.checked;
    toggle.addEventListener("change", function () {
      practicing = toggle.checked;
      answers = {};
      feedback.replaceChildren();
      stop();
      go(0);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var verdict = judge(answer.value, items[k - 1].value);
      if (verdict === null) {
        feedback.className = "bad";
        feedback.textContent = "Type a number, such as -0.2 or 1.5e-3.";
        answer.focus();
        return;
      }
      settle(verdict.right, answer.value.trim(), verdict.how);
    });
    reveal.addEventListener("click", function () { settle(false, null, ""); });
  }
  go(data.start || 0);
})();
