"""Tensors on the graph (issue 20): vectors and matrices, one table row per tensor op, reverse and forward
mode at tensor level, and checks that use none of the tensor VJP rules (finite differences, the scalarized
route). See docs/tensors.md and /work/notes/TENSOR-CONTRACT.md."""
