"""Plots of a function and its tangent: the numbers (samples, ranges, slopes) computed from the graph.

``sample`` evaluates the lowered graph along a line or over a grid; ``figure`` turns a ``grad`` report into
the plain data a renderer draws (``symgraph.render.diagram.plot``); ``api`` is ``symgraph.plot`` for notebooks.
"""
