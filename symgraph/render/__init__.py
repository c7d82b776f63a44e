"""The renderers, one sub-package per medium. Each receives a finished report (or the diagram model) and
computes nothing: terminal (rich and plain text), diagram (the graph model, its layout, SVG, PNG, DOT,
Mermaid and the tangent plot), document (Markdown and LaTeX worked solutions), web (the HTML step-through),
notebook (Jupyter display bundles), common (how every renderer writes a number)."""
