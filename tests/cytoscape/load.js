// Read Cytoscape.js JSON on stdin, load it with cy.json(), print what cytoscape.js kept.
const cytoscape = require("cytoscape");
let text = "";
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const cy = cytoscape({ headless: true });
  cy.json(JSON.parse(text));
  const out = {
    nodes: cy.nodes().length,
    edges: cy.edges().length,
    edgeIds: cy.edges().map((e) => e.id()),
    loops: cy.edges().filter((e) => !e.source().length || !e.target().length).length,
    title: cy.data("title"),
    sources: cy.data("sources"),
    firstEdge: cy.edges()[0] ? cy.edges()[0].data() : null,
  };
  process.stdout.write(JSON.stringify(out));
});
