/* vectorgraph page script: builds the vis-network drawing, the legend, the filters
 * and the popups of one graph from its JSON data block. Every string from the
 * graph document reaches the page through textContent or DOM nodes, never
 * innerHTML. Instances register on window.vectorgraph.instances[rootId].
 *
 * Extensions (see vectorgraph.render.page) register once per page with
 * window.vectorgraph.extend(name, setup); every figure whose data names the
 * extension calls setup(api) with an api object of its own (below, makeApi), so
 * two figures on one page share no state. */
(function () {
  "use strict";
  var ns = (window.vectorgraph = window.vectorgraph || {});
  if (ns.mount) { return; }
  ns.instances = ns.instances || {};
  ns.extensions = ns.extensions || {};
  ns.extend = function (name, setup) {
    if (!ns.extensions[name]) { ns.extensions[name] = setup; }
  };
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
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
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

  // --- search: exact, then prefix, then word prefix, substring, approximate -----------
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }
  function editDistance(a, b, most) {  // Levenshtein, giving up past `most`
    if (Math.abs(a.length - b.length) > most) { return most + 1; }
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev.push(j); }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1,
                          prev[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1)));
        low = Math.min(low, cur[j]);
      }
      if (low > most) { return most + 1; }
      prev = cur;
    }
    return prev[b.length];
  }
  /* How well a folded query matches a folded name: 0 exact, 1 prefix, 2 a word's
   * prefix, 3 substring, 4 + d within d edits (of the name or of its prefix), or -1. */
  function matchScore(q, name) {
    if (name === q) { return 0; }
    if (name.indexOf(q) === 0) { return 1; }
    if ((" " + name).indexOf(" " + q) >= 0) { return 2; }
    if (q.length >= 3 && name.indexOf(q) >= 0) { return 3; }
    if (q.length < 4) { return -1; }
    var most = q.length >= 8 ? 2 : 1, best = most + 1;
    best = Math.min(best, editDistance(q, name, most));
    for (var L = q.length - most; L <= q.length + most; L++) {
      if (L > 0 && L < name.length) {
        best = Math.min(best, editDistance(q, name.slice(0, L), most));
      }
    }
    return best <= most ? 4 + best : -1;
  }
  ns.matchScore = function (query, name) { return matchScore(fold(query), fold(name)); };

  function uniqueRoot(rootId) {
    var roots = document.querySelectorAll(".vg-root"), root = null;
    for (var k = 0; k < roots.length; k++) {
      if (roots[k].id === rootId && !roots[k].getAttribute("data-vg-mounted")) {
        root = roots[k];
        break;
      }
    }
    if (!root) { return null; }
    var id = rootId, n = 1;
    while (ns.instances[id] || (id !== rootId && document.getElementById(id))) {
      n += 1;
      id = rootId + "-" + n;
    }
    root.id = id;  // the same fragment embedded twice: the second becomes id-2
    return root;
  }

  ns.mount = function (rootId) {
    var root = uniqueRoot(rootId);
    if (!root) { return null; }
    rootId = root.id;
    root.setAttribute("data-vg-mounted", "1");
    var t0 = performance.now();
    var data = JSON.parse(root.querySelector("script.vg-data").textContent);
    var timings = {parse: performance.now() - t0};
    var evidenceBlocks = null, EV = [];
    var side = root.querySelector(".vg-side");
    var stageBox = root.querySelector(".vg-stage");
    var stage = root.querySelector(".vg-canvas");
    var status = root.querySelector(".vg-status");
    var AT = data.actorTypes, RT = data.relationTypes, N = data.nodes, E = data.edges;
    var SIGN = {};
    data.signs.forEach(function (s) { SIGN[s.id] = s; });
    var state = {atype: {}, rtype: {}, sign: {}};
    AT.forEach(function (t, i) { state.atype[i] = true; });
    RT.forEach(function (t, i) { state.rtype[i] = true; });
    data.signs.forEach(function (s) { state.sign[s.id] = true; });
    var only = null;  // null, or {relation index: true}: the relations a time control keeps
    var nodeOn = new Uint8Array(N.length), edgeOn = new Uint8Array(E.length);
    var listeners = {select: [], filter: []};
    function emit(kind, a, b) {
      listeners[kind].forEach(function (fn) {
        try { fn(a, b); } catch (err) { if (window.console) { console.error(err); } }
      });
    }

    /* Which actors and relations are drawn. A relation: its type and sign are on,
     * both its actors' types are on, and the time control (if any) keeps it. An
     * actor: its type is on and, if it has relations at all, one of them is drawn. */
    function recompute() {
      var typeOn = new Uint8Array(N.length), drawnTies = new Uint32Array(N.length), i, j;
      for (i = 0; i < N.length; i++) { typeOn[i] = state.atype[N[i][2]] === true ? 1 : 0; }
      for (j = 0; j < E.length; j++) {
        var e = E[j];
        var on = state.rtype[e[2]] === true && state.sign[e[3]] === true &&
                 typeOn[e[0]] === 1 && typeOn[e[1]] === 1 && (only === null || only[j] === true);
        edgeOn[j] = on ? 1 : 0;
        if (on) { drawnTies[e[0]] += 1; drawnTies[e[1]] += 1; }
      }
      for (i = 0; i < N.length; i++) {
        nodeOn[i] = typeOn[i] === 1 && (N[i][7] === 0 || drawnTies[i] > 0) ? 1 : 0;
      }
    }
    recompute();
    function nodeShown(i) { return nodeOn[i] === 1; }
    function edgeShown(j) { return edgeOn[j] === 1; }
    /* A large page's first frame holds every actor and its strongest relations only, the
     * first data.firstRelations of `arrival` (by weight, then index); the rest arrive
     * after it, data.relationSlice per task (see loadRest). edgeIn marks those that have. */
    var edgeIn = new Uint8Array(E.length), arrival = null, arrived = E.length;
    if (data.large && E.length > data.firstRelations) {
      arrival = E.map(function (e, j) { return j; });
      arrival.sort(function (a, b) { return E[b][4] - E[a][4] || a - b; });
      arrived = data.firstRelations;
      for (var a0 = 0; a0 < arrived; a0++) { edgeIn[arrival[a0]] = 1; }
    } else {
      edgeIn.fill(1);
    }

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
    /* A large page gives vis-network lean items: an actor names its type's group (shape
     * and colours set once, in the options), a relation its colour as a string, and
     * only the options that differ from the defaults; vis-network parses every item's
     * options, which is most of its set-up at 60,000 items. */
    if (data.large) {
      data.options.groups = {};
      AT.forEach(function (t, a) {
        data.options.groups["t" + a] = {shape: t.shape, color: {background: t.color, border:
          "#333333", highlight: {background: t.color, border: "#000000"},
          hover: {background: t.color, border: "#000000"}}};
      });
      data.options.nodes.font.color = "#222222";
      data.options.edges.color = {inherit: false, opacity: 0.9};
    }
    // a large page's actors get their labels after the first frame (see loadRest)
    var labelled = data.large ? 0 : N.length;
    var nodeItems = N.map(function (n, i) {
      var item = data.large ? {id: i, x: n[3], y: n[4], size: n[5], group: "t" + n[2]}
        : {id: i, label: n[1], x: n[3], y: n[4], size: n[5], shape: AT[n[2]].shape,
           color: nodeColor(i, false), font: {color: "#222222"}};
      if (n[7] === 0) { item.physics = false; }  // isolates stay tucked below the graph
      return item;
    });
    function edgeItem(j) {
      var e = E[j];
      var item = {id: j, from: e[0], to: e[1], width: 1 + 4 * Math.max(0, Math.min(1, e[4]))};
      if (data.large) {
        item.color = (SIGN[e[3]] || SIGN[0]).color;
        if (RT[e[2]].dashes) { item.dashes = RT[e[2]].dashes; }
        if (e[5]) { item.arrows = "to"; }
      } else {
        item.color = edgeColor(j, false);
        item.dashes = RT[e[2]].dashes;
        item.arrows = e[5] ? "to" : "";
      }
      if (e[11]) {
        item.smooth = {enabled: true, type: e[11] > 0 ? "curvedCW" : "curvedCCW",
                       roundness: Math.abs(e[11])};
      }
      return item;
    }
    var edgeItems = [];
    for (var j0 = 0; j0 < E.length; j0++) {
      if (edgeIn[j0] === 1) { edgeItems.push(edgeItem(j0)); }
    }
    timings.items = performance.now() - t0;
    var nodes = null, edges = null, nodeView = null, edgeView = null, network = null;
    var whenComplete = [];
    var inst = {id: rootId, root: root, data: data, network: null, nodes: null, edges: null,
                nodeView: null, edgeView: null, firstDrawMs: null, timings: timings};
    ns.instances[rootId] = inst;

    function build() {
      nodes = new vis.DataSet(nodeItems);
      edges = new vis.DataSet(edgeItems);
      nodeView = new vis.DataView(nodes, {filter: function (n) { return nodeShown(n.id); }});
      edgeView = new vis.DataView(edges, {filter: function (e) { return edgeShown(e.id); }});
      timings.datasets = performance.now() - t0;
      if (data.large) {
        /* vis-network draws a static network at once when its data is set, and again
         * when it fits the view to it: a large page sets its data with drawing blocked,
         * and draws once, in the next frame. */
        network = new vis.Network(stage, {}, data.options);
        network.body.emitter.emit("_blockRedraw");
        try { network.setData({nodes: nodeView, edges: edgeView}); }
        finally { network.body.emitter.emit("_allowRedraw"); }
        network.body.emitter.emit("_requestRedraw");
      } else {
        network = new vis.Network(stage, {nodes: nodeView, edges: edgeView}, data.options);
      }
      timings.network = performance.now() - t0;
      Object.assign(inst, {network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                           edgeView: edgeView});
      if (data.large) { fromLabelZoom(network); }
      network.once("afterDrawing", function () {
        inst.firstDrawMs = timings.firstDraw = performance.now() - t0;
        root.setAttribute("data-vg-first-draw-ms", inst.firstDrawMs.toFixed(1));
        root.setAttribute("data-vg-first-draw-at", performance.now().toFixed(1));
        inst.firstRelations = network.body.edgeIndices.length;
        inst.firstArrived = network.body.edgeIndices.map(Number).sort(function (x, y) {
          return x - y;
        }).slice(0, 50);
        if (arrived < E.length || labelled < N.length) { setTimeout(loadRest, 0); }
        else { completed(); }
      });
      bindEvents();
    }
    function completed() {
      timings.complete = performance.now() - t0;
      root.setAttribute("data-vg-complete-at", performance.now().toFixed(1));
      whenComplete.forEach(function (fn) { fn(); });
    }
    /* Change the data without the redraw vis-network makes at once for every change of
     * a static network (the next frame draws it all). */
    function undrawn(change) {
      network.body.emitter.emit("_blockRedraw");
      try { change(); } finally { network.body.emitter.emit("_allowRedraw"); }
    }
    function addEdges(list) {
      var items = [];
      list.forEach(function (j) {
        if (edgeIn[j] === 0) { edgeIn[j] = 1; items.push(edgeItem(j)); }
      });
      if (items.length) { undrawn(function () { edges.add(items); }); }
    }
    /* What a large page's first frame left out, a slice per task (the tab handles a click
     * or a zoom between two slices): the other relations, then the actors' labels (drawn
     * only from the label zoom on); all drawn in one frame when they have come. */
    function loadRest() {
      if (arrived < E.length) {
        var end = Math.min(E.length, arrived + data.relationSlice);
        addEdges(arrival.slice(arrived, end));
        arrived = end;
      } else {
        var items = [], stop = Math.min(N.length, labelled + data.relationSlice);
        for (; labelled < stop; labelled++) { items.push({id: labelled, label: N[labelled][1]}); }
        undrawn(function () { nodes.update(items); });
      }
      if (arrived < E.length || labelled < N.length) { setTimeout(loadRest, 0); return; }
      network.once("afterDrawing", completed);
      network.redraw();
      updateCounts();
    }
    /* Relations a selection needs before their turn come at once. */
    function arrive(list) {
      if (arrived < E.length) { addEdges(list); }
    }

    /* Below the zoom at which labels show (the overview), a large page draws its actors
     * and relations itself, in a few paths: one per sign and line width, one per actor
     * type for the fills and one for the borders. vis-network draws every item on its own
     * (its options resolved, a path, a fill and a stroke each), which takes a second or
     * more per frame at 60,000 items, and draws nothing more in the overview: labels are
     * below their threshold, dashes and arrowheads are not legible there (relations are
     * drawn solid, without arrowheads). Every relation the filters keep is drawn, also
     * those vis-network has not been given yet (see loadRest); selected items are drawn by
     * vis-network, on top. From the label zoom on vis-network draws everything, with
     * dashes and arrows: the canvas's setLineDash and the renderer's passes are wrapped
     * (vis-network has no option for either). */
    function fromLabelZoom(net) {
      var ctx = net.canvas.frame.canvas.getContext("2d"), setLineDash = ctx.setLineDash;
      var from = data.options.nodes.scaling.label.drawThreshold / data.options.nodes.font.size;
      var renderer = net.renderer, body = net.body;
      var drawEdges = renderer._drawEdges, drawNodes = renderer._drawNodes;
      var drawArrows = renderer._drawArrows;
      inst.dashScale = from;
      ctx.setLineDash = function (segments) {
        setLineDash.call(ctx, net.getScale() >= from ? segments : []);
      };
      if (typeof drawEdges !== "function" || typeof drawNodes !== "function" ||
          typeof drawArrows !== "function") { return; }  // another vis-network: its own drawing
      inst.overviewDraws = 0;
      renderer._drawEdges = function (c) {
        if (net.getScale() >= from) { return drawEdges.call(renderer, c); }
        overviewEdges(c, net.getScale(), body);
        net.getSelectedEdges().forEach(function (j) {
          if (body.edges[j] && body.edges[j].connected) { body.edges[j].draw(c); }
        });
      };
      renderer._drawNodes = function (c, alwaysShow) {
        if (net.getScale() >= from) { return drawNodes.call(renderer, c, alwaysShow); }
        inst.overviewDraws += 1;
        overviewNodes(c, net.getScale(), body);
        net.getSelectedNodes().forEach(function (i) { if (body.nodes[i]) { body.nodes[i].draw(c); } });
        return {drawExternalLabels: null};
      };
      renderer._drawArrows = function (c) {
        if (net.getScale() >= from) { drawArrows.call(renderer, c); }
      };
    }
    // vis-network's node shapes (its shapes module), as paths added to the current one
    var SHAPES = {
      dot: function (c, x, y, r) { c.moveTo(x + r, y); c.arc(x, y, r, 0, 2 * Math.PI); },
      square: function (c, x, y, r) { c.rect(x - r, y - r, 2 * r, 2 * r); },
      diamond: function (c, x, y, r) {
        c.moveTo(x, y + r); c.lineTo(x + r, y); c.lineTo(x, y - r); c.lineTo(x - r, y);
        c.closePath();
      },
      triangle: function (c, x, y, r) {
        r *= 1.15; y += 0.275 * r;
        var s = 2 * r, h = s / 2, ir = Math.sqrt(3) / 6 * s, a = Math.sqrt(s * s - h * h);
        c.moveTo(x, y - (a - ir)); c.lineTo(x + h, y + ir); c.lineTo(x - h, y + ir);
        c.closePath();
      },
      star: function (c, x, y, r) {
        r *= 0.82; y += 0.1 * r;
        for (var k = 0; k < 10; k++) {
          var q = k % 2 === 0 ? 1.3 * r : 0.5 * r;
          c[k ? "lineTo" : "moveTo"](x + q * Math.sin(2 * k * Math.PI / 10),
                                     y - q * Math.cos(2 * k * Math.PI / 10));
        }
        c.closePath();
      },
      hexagon: function (c, x, y, r) {
        c.moveTo(x + r, y);
        for (var k = 1; k < 6; k++) {
          c.lineTo(x + r * Math.cos(Math.PI / 3 * k), y + r * Math.sin(Math.PI / 3 * k));
        }
        c.closePath();
      }
    };
    /* The shown relations as vis-network draws them (straight, or the quadratic curve of
     * its curvedCW/curvedCCW types; at least 0.3 screen pixels wide), one stroke per sign
     * and width in tenths of a screen pixel. */
    function overviewEdges(c, scale, body) {
      var paths = {}, keys = [], j;
      for (j = 0; j < E.length; j++) {
        if (edgeOn[j] !== 1) { continue; }
        var e = E[j], a = body.nodes[e[0]], b = body.nodes[e[1]];
        if (!a || !b) { continue; }
        var w = Math.max(1 + 4 * Math.max(0, Math.min(1, e[4])), 0.3 / scale);
        var key = e[3] + ":" + Math.round(w * scale * 10);
        var path = paths[key];
        if (!path) {
          path = paths[key] = {sign: e[3], width: w, lines: []};
          keys.push(key);
        }
        path.lines.push(j);
      }
      keys.sort();
      c.save();
      c.globalAlpha = 0.9;
      c.lineCap = "round";
      keys.forEach(function (k) {
        var path = paths[k];
        c.strokeStyle = (SIGN[path.sign] || SIGN[0]).color;
        c.lineWidth = path.width;
        c.beginPath();
        path.lines.forEach(function (jj) {
          var e = E[jj], a = body.nodes[e[0]], b = body.nodes[e[1]];
          c.moveTo(a.x, a.y);
          if (!e[11] || e[0] === e[1]) { c.lineTo(b.x, b.y); return; }
          var r = Math.abs(e[11]), dx = b.x - a.x, dy = a.y - b.y, len = Math.sqrt(dx * dx + dy * dy);
          var turn = e[11] > 0 ? 0.5 * r + 0.5 : -0.5 * r + 0.5;
          var angle = (Math.atan2(dy, dx) + turn * Math.PI) % (2 * Math.PI);
          c.quadraticCurveTo(a.x + (0.5 * r + 0.5) * len * Math.sin(angle),
                             a.y + (0.5 * r + 0.5) * len * Math.cos(angle), b.x, b.y);
        });
        c.stroke();
      });
      c.restore();
    }
    /* The shown actors, one fill per actor type and one border stroke (1 screen pixel, as
     * vis-network's). Each keeps the place vis-network's drawing gives it (its shape's
     * box, which a click is tested against, and its bounding box), so that an actor is
     * clicked where it is drawn, also after a drag. */
    function overviewNodes(c, scale, body) {
      var ids = body.nodeIndices, byType = AT.map(function () { return []; }), k;
      for (k = 0; k < ids.length; k++) {
        var node = body.nodes[ids[k]], shape = node.shape;
        if (shape.width === undefined) { node.resize(c); }
        shape.left = node.x - shape.width / 2;
        shape.top = node.y - shape.height / 2;
        node.updateBoundingBox(c, node.selected);
        if (!node.selected) { byType[N[ids[k]][2]].push(node); }
      }
      c.save();
      c.strokeStyle = "#333333";
      c.lineWidth = data.options.nodes.borderWidth / scale;
      byType.forEach(function (list, a) {
        var shape = SHAPES[AT[a].shape] || SHAPES.dot;
        c.beginPath();
        list.forEach(function (node) { shape(c, node.x, node.y, N[node.id][5]); });
        c.fillStyle = AT[a].color;
        c.fill();
        c.stroke();
      });
      c.restore();
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

    // --- side panel: summary, find, extensions' panels, legend, filters ---------------
    var extPanels = Array.prototype.slice.call(side.children);
    extPanels.forEach(function (p) { side.removeChild(p); });
    if (data.description) { side.appendChild(el("p", "vg-desc", data.description)); }
    // Not a <form>: a sandboxed iframe (a notebook's) blocks form submission outright.
    var form = el("div", "vg-find");
    form.setAttribute("role", "search");
    var input = el("input");
    input.type = "search";
    input.placeholder = "Find an actor by name";
    input.setAttribute("aria-label", "Find an actor by name");
    var listId = rootId + "-names";
    input.setAttribute("list", listId);
    var list = el("datalist");
    list.id = listId;
    if (N.length <= 5000) {
      N.forEach(function (n) { var o = el("option"); o.value = n[1]; list.appendChild(o); });
    }
    var findBtn = el("button", null, "Find");
    findBtn.type = "button";
    form.appendChild(input); form.appendChild(findBtn); form.appendChild(list);
    side.appendChild(form);
    var buttons = el("div", "vg-buttons");
    var resetBtn = el("button", null, "Show all");
    resetBtn.type = "button";
    var fitBtn = el("button", null, "Fit");
    fitBtn.type = "button";
    buttons.appendChild(resetBtn); buttons.appendChild(fitBtn);
    side.appendChild(buttons);
    extPanels.forEach(function (p) { side.appendChild(p); });
    var extAnchor = el("div", "vg-ext-sections");
    side.appendChild(extAnchor);

    var info = el("div", "vg-info");
    info.setAttribute("aria-live", "polite");

    function section(title, open, parent) {
      var d = el("details", "vg-section");
      if (open) { d.open = true; }
      d.appendChild(el("summary", null, title));
      (parent || side).appendChild(d);
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
    data.lineStyles.forEach(function (p) {
      var row = el("div", "vg-row");
      row.appendChild(lineSwatch("#555555", p.dashes, 2, false));
      row.appendChild(el("span", null, p.label));
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
    stageBox.appendChild(info);

    function refresh() {
      recompute();
      if (!network) { return; }
      nodeView.refresh();
      edgeView.refresh();
      updateCounts();
      emit("filter");
    }
    function setFilter(kind, key, on) {
      if (!network) { return; }
      state[kind][key] = !!on;
      var box = root.querySelector('input[data-vg-filter="' + kind + '"][data-vg-key="' + key + '"]');
      if (box) { box.checked = !!on; }
      refresh();
    }
    inst.setFilter = setFilter;
    /* Draw only these relations (indices into data.edges), or every one again (null);
     * the sign and type filters still apply, and actors left without a drawn relation
     * are hidden. */
    function showRelations(indices) {
      if (indices === null || indices === undefined) { only = null; }
      else {
        only = {};
        Array.prototype.forEach.call(indices, function (j) { only[j] = true; });
      }
      refresh();
    }
    inst.showRelations = showRelations;

    // --- details ----------------------------------------------------------------------
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
    /* The evidence of relation j: [[source index, sentence, quote], ...]. A large page
     * keeps evidence in blocks of its own, data.evidenceChunk relations each (each row
     * holds its count); a block is parsed the first time one of its relations' evidence
     * is shown. */
    function evidence(j) {
      if (typeof E[j][12] !== "number") { return E[j][12]; }
      var c = Math.floor(j / data.evidenceChunk);
      if (EV[c] === undefined) {
        var t = performance.now(), block = evidenceBlock(c);
        if (block === null && document.readyState === "loading") { return null; }
        EV[c] = block ? JSON.parse(block.textContent) : [];
        timings.evidence = performance.now() - t;
        timings.evidenceChunks = (timings.evidenceChunks || 0) + 1;
      }
      return EV[c][j - c * data.evidenceChunk] || [];
    }
    /* The evidence blocks follow the figure's mount script, after the root (so that the
     * parser reaches the drawing before them): the root's next siblings, up to the next
     * figure. null for a block the parser has not reached yet. */
    function evidenceBlock(c) {
      if (evidenceBlocks === null) {
        var found = [];
        for (var s = root.nextElementSibling; s && !s.classList.contains("vg-root");
             s = s.nextElementSibling) {
          if (s.classList.contains("vg-evidence")) { found.push(s); }
        }
        if (found.length < Math.ceil(E.length / data.evidenceChunk) &&
            document.readyState === "loading") {
          return found[c] || null;
        }
        evidenceBlocks = found;
      }
      return evidenceBlocks[c] || null;
    }
    function quoteBlock(x) {
      var q = el("blockquote", "vg-quote");
      q.appendChild(el("p", null, x[2]));
      q.appendChild(el("cite", null, sourceLabel(x[0]) +
                       (x[1] === null ? "" : ", sentence " + x[1])));
      return q;
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
      var ev = evidence(j);
      if (ev === null) {  // its block is still on its way: shown when the page has loaded
        info.appendChild(el("h4", null, "Evidence (" + E[j][12] + ") loading\u2026"));
        document.addEventListener("DOMContentLoaded", function () {
          if (info.getAttribute("data-vg-shown") === "edge:" + j) { showEdge(j); }
        }, {once: true});
        return;
      }
      info.appendChild(el("h4", null, ev.length ? "Evidence (" + ev.length + ")" : "No evidence recorded"));
      ev.forEach(function (x) { info.appendChild(quoteBlock(x)); });
    }
    function tiesOf(i) {
      var ties = [];
      E.forEach(function (e, j) { if (e[0] === i || e[1] === i) { ties.push(j); } });
      return ties;
    }
    function showNode(i, others) {
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
      var ties = tiesOf(i);
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
        a.addEventListener("click", function () { selectEdge(j); });
        li.appendChild(a);
        ul.appendChild(li);
      });
      if (ties.length > 200) { ul.appendChild(el("li", null, "\u2026 and " + (ties.length - 200) + " more")); }
      info.appendChild(ul);
      if (others && others.length) {
        info.appendChild(el("h4", null, "Also matching"));
        var more = el("ul", "vg-ties vg-matches");
        others.forEach(function (k) {
          var li = el("li"), b = el("button", "vg-link", N[k][1]);
          b.type = "button";
          b.addEventListener("click", function () { selectNode(k); });
          li.appendChild(b);
          more.appendChild(li);
        });
        info.appendChild(more);
      }
    }
    inst.showEdge = showEdge;
    inst.showNode = showNode;

    /* Keep the details panel off what it describes: the panel takes the side of the
     * stage away from the points (canvas coordinates), and when it still covers them
     * (a narrow stage, where it is a sheet along the bottom) the view moves them
     * into the part of the stage it leaves free, zooming out if they do not fit. */
    function place(points) {
      if (!network || !points.length || !info.firstChild) { return; }
      var w = stageBox.clientWidth, h = stageBox.clientHeight, scale0 = network.getScale();
      var dom = points.map(function (p) { return network.canvasToDOM(p); });
      var cx = dom.reduce(function (s, p) { return s + p.x; }, 0) / dom.length;
      info.classList.toggle("vg-info-left", cx > w / 2);
      var s = stageBox.getBoundingClientRect(), r = info.getBoundingClientRect();
      var L = r.left - s.left, R = r.right - s.left, T = r.top - s.top, B = r.bottom - s.top;
      var bands = [[0, 0, L, h], [R, 0, w, h], [0, 0, w, T], [0, B, w, h]];
      var free = bands.reduce(function (best, b) {
        return (b[2] - b[0]) * (b[3] - b[1]) > (best[2] - best[0]) * (best[3] - best[1]) ? b : best;
      });
      var inside = dom.every(function (p, k) {
        var m = 12 + (points[k].r || 0) * scale0;  // a node's whole disc, not just its centre
        return p.x >= free[0] + m && p.x <= free[2] - m && p.y >= free[1] + m && p.y <= free[3] - m;
      });
      inst.lastPlacement = {free: free, moved: !inside};
      if (inside) { return; }
      var margin = 12 + Math.max.apply(null, points.map(function (p) { return p.r || 0; })) * scale0;
      var xs = points.map(function (p) { return p.x; }), ys = points.map(function (p) { return p.y; });
      var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
      var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
      var fw = Math.max(40, free[2] - free[0] - 2 * margin);
      var fh = Math.max(40, free[3] - free[1] - 2 * margin);
      var scale = Math.min(network.getScale(), fw / Math.max(1, maxX - minX),
                           fh / Math.max(1, maxY - minY));
      network.moveTo({position: {x: (minX + maxX) / 2, y: (minY + maxY) / 2}, scale: scale,
                      offset: {x: (free[0] + free[2]) / 2 - w / 2, y: (free[1] + free[3]) / 2 - h / 2},
                      animation: false});
    }
    function nodePoints(list) {
      var pos = network.getPositions(list);
      return list.filter(function (i) { return pos[i]; }).map(function (i) {
        return {x: pos[i].x, y: pos[i].y, r: N[i][5]};
      });
    }
    function edgePoints(j) { return nodePoints([E[j][0], E[j][1]]); }
    inst.place = place;

    // --- highlight ----------------------------------------------------------------------
    var highlighted = false;
    /* Bring forward a set of actors and relations (indices), dimming the rest; on a
     * large page, select them instead (recolouring every item would block the tab). */
    function highlightSet(nodeList, edgeList) {
      var near = {}, hot = {};
      nodeList.forEach(function (i) { near[i] = true; });
      edgeList.forEach(function (j) { hot[j] = true; near[E[j][0]] = true; near[E[j][1]] = true; });
      if (data.large) {
        var hotList = Object.keys(hot).map(Number).filter(edgeShown);
        arrive(hotList);
        network.setSelection({nodes: Object.keys(near).map(Number).filter(nodeShown),
                              edges: hotList},
                             {unselectAll: true, highlightEdges: false});
        return;
      }
      nodes.update(N.map(function (n, k) { return {id: k, color: nodeColor(k, !near[k]),
        font: {color: near[k] ? "#222222" : "#bbbbbb"}}; }));
      edges.update(E.map(function (e, j) { return {id: j, color: edgeColor(j, !hot[j])}; }));
      highlighted = true;
    }
    function highlight(i) { highlightSet([i], tiesOf(i)); }
    function unhighlight() {
      // Network.unselectAll redraws at once (a second or more at 50,000 relations); an
      // empty selection waits for the next frame, with whatever else changes
      if (data.large) { network.setSelection({nodes: [], edges: []}); return; }
      if (!highlighted) { return; }
      nodes.update(N.map(function (n, k) { return {id: k, color: nodeColor(k, false),
        font: {color: "#222222"}}; }));
      edges.update(E.map(function (e, j) { return {id: j, color: edgeColor(j, false)}; }));
      highlighted = false;
    }
    inst.highlight = highlight;
    inst.highlightSet = highlightSet;
    inst.unhighlight = unhighlight;

    var pinned = null;
    function restore() {
      if (pinned === null) { clear(info); info.removeAttribute("data-vg-shown"); }
      else if (pinned[0] === "node") { showNode(pinned[1]); }
      else { showEdge(pinned[1]); }
    }
    function selectNode(i, others) {
      pinned = ["node", i];
      network.selectNodes([i]);
      showNode(i, others);
      highlight(i);
      place(nodePoints([i]));
      emit("select", "node", i);
    }
    function selectEdge(j) {
      pinned = ["edge", j];
      if (!data.large) { unhighlight(); }  // a large page's selection is replaced below
      arrive([j]);
      network.selectEdges([j]);
      showEdge(j);
      place(edgePoints(j));
      emit("select", "edge", j);
    }
    inst.selectNode = selectNode;
    inst.selectEdge = selectEdge;
    function bindEvents() {
      network.on("hoverEdge", function (p) {
        showEdge(p.edge);
        var pts = edgePoints(p.edge);
        if (pts.length) {  // only the side: the view does not move under the pointer
          var dom = pts.map(function (q) { return network.canvasToDOM(q); });
          info.classList.toggle("vg-info-left",
            (dom[0].x + dom[dom.length - 1].x) / 2 > stageBox.clientWidth / 2);
        }
      });
      network.on("blurEdge", function () { restore(); });
      network.on("click", function (p) {
        if (p.nodes.length) { selectNode(p.nodes[0]); }
        else if (p.edges.length) { selectEdge(p.edges[0]); }
        else {
          pinned = null;
          unhighlight();
          restore();
          emit("select", null, null);
        }
      });
    }

    /* The actors whose id, name or an alias matches `name`, best first (see matchScore),
     * ties broken by the shorter name, then document order. */
    function search(name) {
      var q = fold(name), hits = [];
      if (!q) { return hits; }
      N.forEach(function (n, i) {
        var best = -1;
        [n[0], n[1]].concat(n[8]).forEach(function (s) {
          var sc = matchScore(q, fold(s));
          if (sc >= 0 && (best < 0 || sc < best)) { best = sc; }
        });
        if (best >= 0) { hits.push([best, n[1].length, i]); }
      });
      hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      return hits.map(function (h) { return h[2]; });
    }
    inst.search = search;
    function find(name) {
      if (!network) { return -1; }
      var hits = search(name);
      if (!hits.length) {
        if (!fold(name)) { return -1; }
        clear(info);
        info.appendChild(el("p", "vg-warn", "No actor named \u201c" + String(name) + "\u201d."));
        return -1;
      }
      var i = hits[0];
      if (!nodeShown(i)) { setFilter("atype", N[i][2], true); }
      if (!nodeShown(i)) { showAll(); }
      network.focus(i, {scale: Math.max(network.getScale(), 1.0), animation: false});
      selectNode(i, hits.slice(1, 6));
      return i;
    }
    inst.find = find;
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); find(input.value); }
    });
    findBtn.addEventListener("click", function () { find(input.value); });
    function fitAll() {
      if (network) { network.fit({animation: false}); }
    }
    function showAll() {
      Object.keys(state).forEach(function (kind) {
        Object.keys(state[kind]).forEach(function (k) { state[kind][k] = true; });
      });
      Array.prototype.forEach.call(root.querySelectorAll("input[data-vg-filter]"),
                                   function (cb) { cb.checked = true; });
      refresh();
    }
    resetBtn.addEventListener("click", function () {
      if (!network) { return; }
      showAll();
      pinned = null; unhighlight(); restore(); network.unselectAll(); updateCounts();
      fitAll();
    });
    fitBtn.addEventListener("click", fitAll);

    // --- what an extension sees --------------------------------------------------------
    function makeApi(name) {
      var byId = null, byKey = null;
      return {
        name: name,
        root: root,
        data: data,
        config: (data.extensions || {})[name],
        network: function () { return network; },
        nodes: function () { return nodes; },
        edges: function () { return edges; },
        el: el,
        svg: svg,
        clear: clear,
        lineSwatch: lineSwatch,
        shapeSwatch: shapeSwatch,
        /* The panel the page was rendered with for this extension (Extension.panel),
         * else a new section of the side panel titled `title`. */
        panel: function (title, open) {
          var given = root.querySelector('section.vg-ext[data-vg-ext="' + name + '"]');
          if (given) { return given; }
          var d = section(title || name, open !== false, extAnchor);
          d.setAttribute("data-vg-ext", name);
          return d;
        },
        below: function () {
          return root.querySelector('.vg-below[data-vg-ext="' + name + '"]');
        },
        nodeIndex: function (id) {
          if (byId === null) {
            byId = Object.create(null);
            N.forEach(function (n, i) { byId[n[0]] = i; });
          }
          return id in byId ? byId[id] : -1;
        },
        edgeIndex: function (key) {
          if (byKey === null) {
            byKey = Object.create(null);
            E.forEach(function (e, j) { byKey[e[6]] = j; });
          }
          return key in byKey ? byKey[key] : -1;
        },
        evidence: function (j) { return evidence(j) || []; },
        sourceLabel: sourceLabel,
        quote: quoteBlock,
        highlight: function (set) {
          highlightSet((set && set.nodes) || [], (set && set.edges) || []);
          var pts = nodePoints(((set && set.nodes) || []).concat(
            ((set && set.edges) || []).reduce(function (a, j) { return a.concat([E[j][0], E[j][1]]); }, [])));
          place(pts);
        },
        unhighlight: unhighlight,
        showRelations: showRelations,
        shownRelations: function () {
          var out = [];
          for (var j = 0; j < E.length; j++) { if (edgeOn[j] === 1) { out.push(j); } }
          return out;
        },
        selectNode: function (i) { selectNode(i); },
        selectEdge: function (j) { selectEdge(j); },
        show: function (content) {  // a DOM node in the details panel
          pinned = null;
          clear(info);
          info.setAttribute("data-vg-shown", "ext:" + name);
          info.appendChild(closeButton());
          info.appendChild(content);
        },
        fit: fitAll,
        counts: drawn,
        on: function (kind, fn) { listeners[kind].push(fn); }
      };
    }
    function startExtensions() {
      Object.keys(data.extensions || {}).sort().forEach(function (name) {
        var setup = ns.extensions[name];
        if (!setup) { return; }
        try { setup(makeApi(name)); }
        catch (err) { if (window.console) { console.error(err); } }
      });
    }

    function start() {
      build();
      updateCounts();
      startExtensions();
      root.setAttribute("data-vg-ready", "1");
    }
    /* A large page first paints a still picture of the graph on a plain canvas (the
     * lines by sign colour, the actors as dots), fitted as vis-network will fit it: it
     * shows in well under a second, while vis-network's own set-up of tens of thousands
     * of items takes several. The picture goes when vis-network has drawn. */
    function preview() {
      var w = stageBox.clientWidth, h = stageBox.clientHeight;
      if (!N.length || !w || !h) { return null; }
      var ratio = window.devicePixelRatio || 1, canvas = el("canvas", "vg-preview");
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      canvas.setAttribute("aria-hidden", "true");
      var ctx = canvas.getContext("2d");
      var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, i, j;
      for (i = 0; i < N.length; i++) {
        minX = Math.min(minX, N[i][3]); maxX = Math.max(maxX, N[i][3]);
        minY = Math.min(minY, N[i][4]); maxY = Math.max(maxY, N[i][4]);
      }
      var k = Math.min(w / Math.max(1, maxX - minX + 80), h / Math.max(1, maxY - minY + 80));
      var ox = w / 2 - k * (minX + maxX) / 2, oy = h / 2 - k * (minY + maxY) / 2;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 0.6;
      ctx.globalAlpha = 0.5;
      data.signs.forEach(function (sg) {
        ctx.strokeStyle = sg.color;
        ctx.beginPath();
        for (j = 0; j < E.length; j++) {
          var e = E[j];
          if (e[3] !== sg.id) { continue; }
          ctx.moveTo(ox + k * N[e[0]][3], oy + k * N[e[0]][4]);
          ctx.lineTo(ox + k * N[e[1]][3], oy + k * N[e[1]][4]);
        }
        ctx.stroke();
      });
      ctx.globalAlpha = 1;
      AT.forEach(function (t, a) {
        ctx.fillStyle = t.color;
        ctx.beginPath();
        for (i = 0; i < N.length; i++) {
          if (N[i][2] !== a) { continue; }
          var r = Math.max(1.2, N[i][5] * k);
          ctx.moveTo(ox + k * N[i][3] + r, oy + k * N[i][4]);
          ctx.arc(ox + k * N[i][3], oy + k * N[i][4], r, 0, 2 * Math.PI);
        }
        ctx.fill();
      });
      stage.appendChild(canvas);
      root.setAttribute("data-vg-preview-at", performance.now().toFixed(1));
      return canvas;
    }

    if (data.large) {  // let the side panel and the picture paint before vis-network sets up
      status.textContent = "Drawing " + N.length + " actors and " + E.length + " relations\u2026";
      var still = preview();
      setTimeout(function () {
        start();
        if (!still) { return; }
        var drop = function () { if (still.parentNode) { still.parentNode.removeChild(still); } };
        if (arrived === E.length) { network.once("afterDrawing", drop); return; }
        // all the relations show in the picture until vis-network draws them all, or until
        // the view moves away from it
        whenComplete.push(drop);
        network.once("dragStart", drop);
        network.once("zoom", drop);
      }, 30);
    } else {
      start();
    }
    return inst;
  };
})();
