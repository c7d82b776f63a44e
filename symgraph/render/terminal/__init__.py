"""The terminal: the traces of grad, hessian and Jacobians, check's verdicts, steps, the graph as rows;
rich or plain."""
