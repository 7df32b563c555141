/* vectorgraph balance view (an extension, see vectorgraph.render.page): the focal actor's
 * poles drawn as groups on the network, a pole list with what each pole contains, the
 * pole chart and the time series (SVG written in Python, one pole chart per period,
 * precomputed), the time control, and a pole's ties with their evidence on click.
 * Document text reaches the page through the api's textContent helpers only; the
 * config carries indices, not text. */
(function () {
  "use strict";
  window.vectorgraph.extend("balance", function (api) {
    var cfg = api.config, N = api.data.nodes, E = api.data.edges, RT = api.data.relationTypes;
    var SIGN = {};
    api.data.signs.forEach(function (s) { SIGN[s.id] = s; });
    var network = api.network(), root = api.root;
    var panel = api.panel("Balance");
    var periods = cfg.periods, spans = cfg.spans;
    var current = -1;   // -1: every period
    var active = -1;    // the selected pole's index, or -1

    function inPeriod(j) {
      return current < 0 || (spans[2 * j] <= current && current <= spans[2 * j + 1]);
    }

    // --- what each pole contains ------------------------------------------------------
    var poleBox = panel.querySelector(".vg-bal-poles");
    var poleRows = cfg.poles.map(function (p, k) {
      var row = api.el("div", "vg-bal-pole");
      row.setAttribute("data-vg-pole", p.id);
      var sw = api.el("span", "vg-bal-swatch");
      sw.style.background = p.color;
      row.appendChild(sw);
      var b = api.el("button", "vg-link", N[p.node][1]);
      b.type = "button";
      b.title = "Highlight the ties behind this pole and read their evidence";
      b.addEventListener("click", function () { selectPole(k); });
      row.appendChild(b);
      var inside = p.members.map(function (m) { return N[m][1]; }).join(", ");
      row.appendChild(api.el("span", "vg-bal-members", inside ? "contains " + inside : ""));
      poleBox.appendChild(row);
      return row;
    });
    panel.addEventListener("click", function (ev) {
      var g = ev.target.closest ? ev.target.closest(".vg-pole") : null;
      if (g) { selectPole(Number(g.getAttribute("data-index"))); return; }
      var col = ev.target.closest ? ev.target.closest(".vg-period") : null;
      if (col) { setPeriod(Number(col.getAttribute("data-index"))); }
    });

    // --- a pole's ties and their evidence --------------------------------------------
    function poleTies(k) {
      var shown = {};
      api.shownRelations().forEach(function (j) { shown[j] = true; });
      return cfg.poles[k].ties.filter(function (j) { return shown[j] === true; });
    }
    function selectPole(k) {
      active = k;
      var p = cfg.poles[k], ties = poleTies(k);
      poleRows.forEach(function (row, i) { row.classList.toggle("vg-active", i === k); });
      Array.prototype.forEach.call(panel.querySelectorAll(".vg-pole"), function (g) {
        g.classList.toggle("vg-active", Number(g.getAttribute("data-index")) === k);
      });
      api.highlight({nodes: [cfg.focal, p.node].concat(p.members), edges: ties});
      var box = api.el("div", "vg-bal-detail");
      box.setAttribute("data-vg-pole", p.id);
      var head = api.el("h3", "vg-head", N[cfg.focal][1] + " and " + N[p.node][1]);
      box.appendChild(head);
      var when = current < 0 ? "" : " in " + periods[current].label;
      box.appendChild(api.el("p", "vg-note", ties.length + " relation" +
        (ties.length === 1 ? "" : "s") + " behind this pole" + when +
        (p.members.length ? " (with its members)" : "")));
      ties.forEach(function (j) {
        var e = E[j], other = e[0] === cfg.focal ? e[1] : e[0];
        var h = api.el("h4", "vg-bal-tie");
        h.setAttribute("data-vg-edge", String(j));
        h.appendChild(api.lineSwatch((SIGN[e[3]] || SIGN[0]).color, RT[e[2]].dashes, 2, false));
        var link = api.el("button", "vg-link", RT[e[2]].label + " \u2014 " + N[other][1] +
                          (e[8] ? " (" + e[8] + ")" : ""));
        link.type = "button";
        link.addEventListener("click", function () { api.selectEdge(j); });
        h.appendChild(link);
        box.appendChild(h);
        api.evidence(j).forEach(function (row) { box.appendChild(api.quote(row)); });
      });
      api.show(box);
    }

    // --- the time control -------------------------------------------------------------
    var charts = panel.querySelectorAll(".vg-bal-chart");
    var columns = panel.querySelectorAll(".vg-period");
    var range = null, output = null;
    function setPeriod(k) {
      current = k;
      if (range) { range.value = String(k + 1); }
      Array.prototype.forEach.call(charts, function (c) {
        c.hidden = c.getAttribute("data-vg-period") !== (k < 0 ? "all" : String(k));
      });
      Array.prototype.forEach.call(columns, function (c) {
        c.classList.toggle("vg-current", Number(c.getAttribute("data-index")) === k);
      });
      if (k < 0) { api.showRelations(null); }
      else {
        var keep = [];
        for (var j = 0; j < E.length; j++) { if (inPeriod(j)) { keep.push(j); } }
        api.showRelations(keep);
      }
      root.setAttribute("data-vg-period", k < 0 ? "" : periods[k].label);
      if (output) {
        output.textContent = k < 0
          ? "All periods (" + periods[0].label + " to " + periods[periods.length - 1].label + ")"
          : periods[k].label + ": " + periods[k].relations + " relations in force";
      }
      if (active >= 0) { selectPole(active); }
    }
    if (periods.length) {
      var box = panel.querySelector(".vg-bal-time");
      var label = api.el("label", "vg-bal-range");
      label.appendChild(api.el("span", null, "Period (by " + cfg.by + ")"));
      range = api.el("input");
      range.type = "range";
      range.min = "0";
      range.max = String(periods.length);
      range.step = "1";
      range.value = "0";
      range.setAttribute("aria-label", "Period: 0 is every period");
      range.addEventListener("input", function () { setPeriod(Number(range.value) - 1); });
      label.appendChild(range);
      box.appendChild(label);
      var row = api.el("div", "vg-bal-now");
      output = api.el("output");
      row.appendChild(output);
      var all = api.el("button", null, "All");
      all.type = "button";
      all.addEventListener("click", function () { setPeriod(-1); });
      row.appendChild(all);
      box.appendChild(row);
      output.textContent = "All periods (" + periods[0].label + " to " +
        periods[periods.length - 1].label + ")";
    }
    api.on("select", function () {  // an actor, a relation or the background was clicked
      if (active >= 0) {
        active = -1;
        poleRows.forEach(function (row) { row.classList.remove("vg-active"); });
        Array.prototype.forEach.call(panel.querySelectorAll(".vg-pole.vg-active"),
                                     function (g) { g.classList.remove("vg-active"); });
      }
    });

    // --- poles drawn as groups --------------------------------------------------------
    /* Members without any relation (Central Asia's states in the article) would sit in
     * the isolates' grid, far from their pole: they are put on an arc under the pole. */
    function tuck() {
      cfg.poles.forEach(function (p) {
        var loose = p.members.filter(function (m) { return N[m][7] === 0; });
        var at = network.getPositions([p.node])[p.node];
        if (!at || !loose.length) { return; }
        loose.forEach(function (m, i) {
          var a = Math.PI * (0.25 + 0.5 * (loose.length === 1 ? 0.5 : i / (loose.length - 1)));
          network.moveNode(m, at.x + 90 * Math.cos(a), at.y + 90 * Math.sin(a));
        });
      });
    }
    tuck();
    network.on("stabilized", tuck);
    network.on("dragEnd", function (p) {
      if (p.nodes.some(function (i) { return cfg.poles.some(function (q) { return q.node === i; }); })) {
        tuck();
      }
    });
    network.on("beforeDrawing", function (ctx) {
      var body = network.body.nodes;
      cfg.poles.forEach(function (p) {
        var hub = body[p.node];
        if (!hub || hub.options.hidden) { return; }
        var group = [p.node].concat(p.members).filter(function (i) {
          return body[i] && !body[i].options.hidden;
        });
        ctx.save();
        ctx.strokeStyle = p.color;
        ctx.lineCap = "round";
        ctx.globalAlpha = 0.28;
        ctx.lineWidth = 10;
        group.slice(1).forEach(function (i) {
          ctx.beginPath();
          ctx.moveTo(hub.x, hub.y);
          ctx.lineTo(body[i].x, body[i].y);
          ctx.stroke();
        });
        ctx.globalAlpha = 0.85;
        ctx.lineWidth = 4;
        group.forEach(function (i) {
          ctx.beginPath();
          ctx.arc(body[i].x, body[i].y, (body[i].options.size || 10) + 6, 0, 2 * Math.PI);
          ctx.stroke();
        });
        ctx.restore();
      });
    });
    network.redraw();
  });
})();
