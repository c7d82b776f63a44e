"""Worked solutions for handouts: one ``Document`` structure, printed as Markdown (TeX math) or LaTeX."""
