"""Rule-by-rule derivations read off the graph (``symgraph steps``), and exact values at exact points.

Every rule a step names is the ``rule`` column of the primitive's table row; nothing here knows an op by
name except to print a textbook form of a rule it recognizes (unknown rule names get a form generated
from the row's SymPy counterpart)."""
