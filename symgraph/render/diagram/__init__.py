"""Pictures: the diagram model of a graph, its layered layout, SVG, PNG, DOT and Mermaid, and the tangent plot."""
