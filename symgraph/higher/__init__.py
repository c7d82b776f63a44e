"""Higher-order derivatives on the graph: several outputs (the Jacobian) and second derivatives (the Hessian)."""
