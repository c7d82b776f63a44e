"""Tensors on the graph (issue 20): vectors and matrices, one ``TensorOp`` row per op (table.py), the tensor
language (parser.py, build.py), array values (values.py), reverse and forward mode at tensor level (modes.py),
and checks that use none of the tensor VJP rules: finite differences and the scalarized route (verify.py,
checks.py, scalarize.py). ``pipeline.tensor_grad`` puts them together; see docs/tensors.md."""
