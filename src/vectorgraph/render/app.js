/* vectorgraph page script: builds the vis-network drawing, the legend, the filters
 * and the popups of one graph from its JSON data block. Every string from the
 * graph document reaches the page through textContent or DOM nodes, never
 * innerHTML. Instances register on window.vectorgraph.instances[rootId]. */
(function () {
  "use strict";
  var ns = (window.vectorgraph = window.vectorgraph || {});
  if (ns.mount) { return; }
  ns.instances = ns.instances || {};
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function num(v) {
    if (typeof v !== "number") { return String(v); }
    return Math.abs(v) >= 1000 || v === Math.round(v) ? String(v) : v.toPrecision(3);
  }
  function shapeSwatch(shape, color) {
    var s = svg("svg", {width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true"});
    var common = {fill: color, stroke: "#333333", "stroke-width": 1};
    var pts = {
      square: "2,2 14,2 14,14 2,14",
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1.5 15,14.5 1,14.5",
      star: "8,1 9.9,6 15,6 10.9,9.2 12.5,14.5 8,11.3 3.5,14.5 5.1,9.2 1,6 6.1,6",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"
    }[shape];
    s.appendChild(pts ? svg("polygon", Object.assign({points: pts}, common))
                      : svg("circle", Object.assign({cx: 8, cy: 8, r: 6.5}, common)));
    return s;
  }
  function lineSwatch(color, dashes, width, arrow) {
    var s = svg("svg", {width: 34, height: 14, viewBox: "0 0 34 14", "aria-hidden": "true"});
    var line = svg("line", {x1: 1, y1: 7, x2: arrow ? 26 : 33, y2: 7, stroke: color,
                            "stroke-width": width || 2});
    if (dashes) { line.setAttribute("stroke-dasharray", dashes.join(" ")); }
    s.appendChild(line);
    if (arrow) { s.appendChild(svg("polygon", {points: "25,2 33,7 25,12", fill: color})); }
    return s;
  }

  ns.mount = function (rootId) {
    var root = document.getElementById(rootId);
    if (!root || root.getAttribute("data-vg-mounted")) { return null; }
    root.setAttribute("data-vg-mounted", "1");
    var t0 = performance.now();
    var data = JSON.parse(root.querySelector("script.vg-data").textContent);
    var timings = {parse: performance.now() - t0};
    var side = root.querySelector(".vg-side");
    var stage = root.querySelector(".vg-canvas");
    var status = root.querySelector(".vg-status");
    var AT = data.actorTypes, RT = data.relationTypes, N = data.nodes, E = data.edges;
    var SIGN = {};
    data.signs.forEach(function (s) { SIGN[s.id] = s; });
    var state = {atype: {}, rtype: {}, sign: {}};
    AT.forEach(function (t, i) { state.atype[i] = true; });
    RT.forEach(function (t, i) { state.rtype[i] = true; });
    data.signs.forEach(function (s) { state.sign[s.id] = true; });

    function nodeColor(i, dim) {
      var c = AT[N[i][2]].color;
      if (dim) { return {background: "#e6e6e6", border: "#cccccc"}; }
      return {background: c, border: "#333333",
              highlight: {background: c, border: "#000000"},
              hover: {background: c, border: "#000000"}};
    }
    function edgeColor(j, dim) {
      var c = (SIGN[E[j][3]] || SIGN[0]).color;
      return dim ? {color: "#dddddd", highlight: c, hover: c, opacity: 0.5}
                 : {color: c, highlight: c, hover: c, opacity: 0.9};
    }
    var nodeItems = N.map(function (n, i) {
      return {id: i, label: n[1], x: n[3], y: n[4], size: n[5], shape: AT[n[2]].shape,
              color: nodeColor(i, false), font: {color: "#222222"}};
    });
    var edgeItems = E.map(function (e, j) {
      var item = {id: j, from: e[0], to: e[1], color: edgeColor(j, false),
                  width: 1 + 4 * Math.max(0, Math.min(1, e[4])),
                  dashes: RT[e[2]].dashes, arrows: e[5] ? "to" : ""};
      if (e[11]) {
        item.smooth = {enabled: true, type: e[11] > 0 ? "curvedCW" : "curvedCCW",
                       roundness: Math.abs(e[11])};
      }
      return item;
    });
    timings.items = performance.now() - t0;
    function nodeShown(i) { return state.atype[N[i][2]] === true; }
    var nodes = null, edges = null, nodeView = null, edgeView = null, network = null;
    var inst = {id: rootId, root: root, data: data, network: null, nodes: null, edges: null,
                nodeView: null, edgeView: null, firstDrawMs: null, timings: timings};
    ns.instances[rootId] = inst;

    function build() {
      nodes = new vis.DataSet(nodeItems);
      edges = new vis.DataSet(edgeItems);
      nodeView = new vis.DataView(nodes, {filter: function (n) { return nodeShown(n.id); }});
      edgeView = new vis.DataView(edges, {filter: function (item) {
        var e = E[item.id];
        return state.rtype[e[2]] === true && state.sign[e[3]] === true &&
               nodeShown(e[0]) && nodeShown(e[1]);
      }});
      timings.datasets = performance.now() - t0;
      network = new vis.Network(stage, {nodes: nodeView, edges: edgeView}, data.options);
      timings.network = performance.now() - t0;
      Object.assign(inst, {network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                           edgeView: edgeView});
      network.once("afterDrawing", function () {
        inst.firstDrawMs = timings.firstDraw = performance.now() - t0;
        root.setAttribute("data-vg-first-draw-ms", inst.firstDrawMs.toFixed(1));
        root.setAttribute("data-vg-first-draw-at", performance.now().toFixed(1));
      });
      bindEvents();
    }

    function drawn() {
      return {nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length};
    }
    function updateCounts() {
      var d = drawn();
      root.setAttribute("data-vg-nodes", d.nodes);
      root.setAttribute("data-vg-edges", d.edges);
      status.textContent = "Showing " + d.nodes + " of " + N.length + " actors, " + d.edges +
        " of " + E.length + " relations" + (data.physics ? "" : " (static layout)");
    }
    inst.drawn = drawn;

    // --- side panel: summary, find, legend, filters, details ------------------
    if (data.description) { side.appendChild(el("p", "vg-desc", data.description)); }
    var form = el("form", "vg-find");
    var input = el("input");
    input.type = "search";
    input.placeholder = "Find an actor by name";
    input.setAttribute("aria-label", "Find an actor by name");
    var listId = rootId + "-names";
    input.setAttribute("list", listId);
    var list = el("datalist");
    list.id = listId;
    N.forEach(function (n) { var o = el("option"); o.value = n[1]; list.appendChild(o); });
    var findBtn = el("button", null, "Find");
    findBtn.type = "submit";
    form.appendChild(input); form.appendChild(findBtn); form.appendChild(list);
    side.appendChild(form);
    var buttons = el("div", "vg-buttons");
    var resetBtn = el("button", null, "Show all");
    resetBtn.type = "button";
    var fitBtn = el("button", null, "Fit");
    fitBtn.type = "button";
    buttons.appendChild(resetBtn); buttons.appendChild(fitBtn);
    side.appendChild(buttons);

    var info = el("div", "vg-info");
    info.setAttribute("aria-live", "polite");

    function section(title, open) {
      var d = el("details", "vg-section");
      if (open) { d.open = true; }
      d.appendChild(el("summary", null, title));
      side.appendChild(d);
      return d;
    }
    function checkRow(box, kind, key, swatch, label, title) {
      var row = el("label", "vg-check");
      var cb = el("input");
      cb.type = "checkbox";
      cb.checked = true;
      cb.setAttribute("data-vg-filter", kind);
      cb.setAttribute("data-vg-key", String(key));
      cb.addEventListener("change", function () { setFilter(kind, key, cb.checked); });
      row.appendChild(cb);
      row.appendChild(swatch);
      row.appendChild(el("span", null, label));
      if (title) { row.title = title; }
      box.appendChild(row);
    }
    var legend = section("Legend", true);
    var lg = el("div", "vg-legend");
    lg.appendChild(el("div", "vg-note", "Actor size: " + (data.measure === "none" ? "equal" : data.measure)));
    lg.appendChild(el("div", "vg-note", "Line width: relation weight (strength)"));
    [["solid: material relation", false], ["dotted: verbal relation", [2, 6]],
     ["dashed: structural tie", [10, 10]]].forEach(function (p) {
      var row = el("div", "vg-row");
      row.appendChild(lineSwatch("#555555", p[1], 2, false));
      row.appendChild(el("span", null, p[0]));
      lg.appendChild(row);
    });
    var arrowRow = el("div", "vg-row");
    arrowRow.appendChild(lineSwatch("#555555", false, 2, true));
    arrowRow.appendChild(el("span", null, "arrow: directed relation"));
    lg.appendChild(arrowRow);
    legend.appendChild(lg);

    var signBox = section("Signs", true);
    data.signs.forEach(function (s) {
      checkRow(signBox, "sign", s.id, lineSwatch(s.color, false, 3, false), s.label);
    });
    var atBox = section("Actor types", true);
    AT.forEach(function (t, i) {
      checkRow(atBox, "atype", i, shapeSwatch(t.shape, t.color), t.id);
    });
    var rtBox = section("Relation types", true);
    RT.forEach(function (t, i) {
      checkRow(rtBox, "rtype", i, lineSwatch((SIGN[t.sign] || SIGN[0]).color, t.dashes, 2, false),
               t.label, t.id);
    });
    lg.appendChild(el("p", "vg-hint", "Hover or click a relation to read its evidence; " +
                      "click an actor to see its ties and neighbourhood."));
    root.querySelector(".vg-stage").appendChild(info);

    function setFilter(kind, key, on) {
      if (!network) { return; }
      state[kind][key] = !!on;
      var box = root.querySelector('input[data-vg-filter="' + kind + '"][data-vg-key="' + key + '"]');
      if (box) { box.checked = !!on; }
      nodeView.refresh();
      edgeView.refresh();
      updateCounts();
    }
    inst.setFilter = setFilter;

    // --- details --------------------------------------------------------------
    function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
    function closeButton() {
      var b = el("button", "vg-close", "\u00d7");
      b.type = "button";
      b.title = "Close";
      b.setAttribute("aria-label", "Close details");
      b.addEventListener("click", function () {
        pinned = null; unhighlight(); network.unselectAll(); restore();
      });
      return b;
    }
    function dl(rows) {
      var d = el("dl");
      rows.forEach(function (r) {
        if (r[1] === null || r[1] === undefined || r[1] === "") { return; }
        d.appendChild(el("dt", null, r[0]));
        d.appendChild(el("dd", null, r[1]));
      });
      return d;
    }
    function sourceLabel(k) {
      var s = data.sources[k];
      if (!s) { return "unknown source"; }
      var parts = [s.title];
      if (s.author) { parts.push(s.author); }
      if (s.date) { parts.push(s.date); }
      return parts.join(", ");
    }
    function showEdge(j) {
      var e = E[j], rt = RT[e[2]];
      clear(info);
      info.setAttribute("data-vg-shown", "edge:" + j);
      info.appendChild(closeButton());
      var head = el("h3", "vg-head");
      head.appendChild(el("span", null, N[e[0]][1]));
      head.appendChild(el("span", "vg-arrow", e[5] ? " \u2192 " : " \u2014 "));
      head.appendChild(el("span", null, N[e[1]][1]));
      info.appendChild(head);
      info.appendChild(dl([["type", rt.label + " (" + rt.id + ")"],
                           ["sign", (SIGN[e[3]] || SIGN[0]).label],
                           ["weight", num(e[4])], ["score", num(e[7])],
                           ["direction", e[5] ? "directed" : "undirected"],
                           ["date", e[8]], ["confidence", e[10] === null ? null : num(e[10])],
                           ["note", e[9]], ["id", e[6]]]));
      var ev = e[12];
      info.appendChild(el("h4", null, ev.length ? "Evidence (" + ev.length + ")" : "No evidence recorded"));
      ev.forEach(function (x) {
        var q = el("blockquote", "vg-quote");
        q.appendChild(el("p", null, x[2]));
        q.appendChild(el("cite", null, sourceLabel(x[0]) +
                         (x[1] === null ? "" : ", sentence " + x[1])));
        info.appendChild(q);
      });
    }
    function showNode(i) {
      var n = N[i];
      clear(info);
      info.setAttribute("data-vg-shown", "node:" + i);
      info.appendChild(closeButton());
      info.appendChild(el("h3", "vg-head", n[1]));
      info.appendChild(dl([["id", n[0]], ["type", AT[n[2]].id],
                           ["aliases", n[8].length ? n[8].join("; ") : null],
                           ["note", n[9]],
                           [data.measure === "none" ? null : data.measure,
                            data.measure === "none" ? null : num(n[6])],
                           ["relations", String(n[7])]].filter(function (r) { return r[0]; })));
      var ties = [];
      E.forEach(function (e, j) { if (e[0] === i || e[1] === i) { ties.push(j); } });
      info.appendChild(el("h4", null, "Ties (" + ties.length + ")"));
      var ul = el("ul", "vg-ties");
      ties.slice(0, 200).forEach(function (j) {
        var e = E[j], li = el("li");
        var other = e[0] === i ? e[1] : e[0];
        var arrow = !e[5] ? " \u2014 " : (e[0] === i ? " \u2192 " : " \u2190 ");
        var sw = lineSwatch((SIGN[e[3]] || SIGN[0]).color, RT[e[2]].dashes, 2, false);
        li.appendChild(sw);
        var a = el("button", "vg-link", RT[e[2]].label + arrow + N[other][1]);
        a.type = "button";
        a.addEventListener("click", function () { network.selectEdges([j]); showEdge(j); });
        li.appendChild(a);
        ul.appendChild(li);
      });
      if (ties.length > 200) { ul.appendChild(el("li", null, "\u2026 and " + (ties.length - 200) + " more")); }
      info.appendChild(ul);
    }
    inst.showEdge = showEdge;
    inst.showNode = showNode;

    // --- neighbourhood highlight -------------------------------------------------
    var highlighted = false;
    function highlight(i) {
      var near = {};
      near[i] = true;
      var hot = {};
      E.forEach(function (e, j) {
        if (e[0] === i || e[1] === i) { near[e[0]] = true; near[e[1]] = true; hot[j] = true; }
      });
      if (data.large) {  // recolouring every item would block the tab for seconds
        network.setSelection({nodes: Object.keys(near).map(Number).filter(nodeShown),
                              edges: Object.keys(hot).map(Number).filter(function (j) {
                                return edgeView.get(j) !== null; })},
                             {unselectAll: true, highlightEdges: false});
        return;
      }
      nodes.update(N.map(function (n, k) { return {id: k, color: nodeColor(k, !near[k]),
        font: {color: near[k] ? "#222222" : "#bbbbbb"}}; }));
      edges.update(E.map(function (e, j) { return {id: j, color: edgeColor(j, !hot[j])}; }));
      highlighted = true;
    }
    function unhighlight() {
      if (data.large) { network.unselectAll(); return; }
      if (!highlighted) { return; }
      nodes.update(N.map(function (n, k) { return {id: k, color: nodeColor(k, false),
        font: {color: "#222222"}}; }));
      edges.update(E.map(function (e, j) { return {id: j, color: edgeColor(j, false)}; }));
      highlighted = false;
    }
    inst.highlight = highlight;

    var pinned = null;
    function restore() {
      if (pinned === null) { clear(info); info.removeAttribute("data-vg-shown"); }
      else if (pinned[0] === "node") { showNode(pinned[1]); }
      else { showEdge(pinned[1]); }
    }
    function bindEvents() {
      network.on("hoverEdge", function (p) { showEdge(p.edge); });
      network.on("blurEdge", function () { restore(); });
      network.on("click", function (p) {
        if (p.nodes.length) {
          pinned = ["node", p.nodes[0]];
          showNode(p.nodes[0]);
          highlight(p.nodes[0]);
        } else if (p.edges.length) {
          pinned = ["edge", p.edges[0]];
          unhighlight();
          showEdge(p.edges[0]);
        } else {
          pinned = null;
          unhighlight();
          restore();
        }
      });
    }

    function find(name) {
      if (!network) { return -1; }
      var key = String(name).trim().toLowerCase();
      if (!key) { return -1; }
      for (var i = 0; i < N.length; i++) {
        var n = N[i];
        if (n[0].toLowerCase() === key || n[1].toLowerCase() === key ||
            n[8].some(function (a) { return a.toLowerCase() === key; })) {
          if (!nodeShown(i)) { setFilter("atype", N[i][2], true); }
          pinned = ["node", i];
          network.selectNodes([i]);
          network.focus(i, {scale: Math.max(network.getScale(), 1.0), animation: false});
          highlight(i);
          showNode(i);
          return i;
        }
      }
      clear(info);
      info.appendChild(el("p", "vg-warn", "No actor named \u201c" + String(name) + "\u201d."));
      return -1;
    }
    inst.find = find;
    form.addEventListener("submit", function (ev) { ev.preventDefault(); find(input.value); });
    resetBtn.addEventListener("click", function () {
      if (!network) { return; }
      Object.keys(state).forEach(function (kind) {
        Object.keys(state[kind]).forEach(function (k) { state[kind][k] = true; });
      });
      Array.prototype.forEach.call(root.querySelectorAll("input[data-vg-filter]"),
                                   function (cb) { cb.checked = true; });
      nodeView.refresh(); edgeView.refresh();
      pinned = null; unhighlight(); restore(); network.unselectAll(); updateCounts();
      network.fit({animation: false});
    });
    fitBtn.addEventListener("click", function () {
      if (network) { network.fit({animation: false}); }
    });

    function start() {
      build();
      updateCounts();
      root.setAttribute("data-vg-ready", "1");
    }
    if (data.large) {  // let the side panel paint before vis-network takes the thread
      status.textContent = "Drawing " + N.length + " actors and " + E.length + " relations\u2026";
      setTimeout(start, 30);
    } else {
      start();
    }
    return inst;
  };
})();
