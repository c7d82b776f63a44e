"""Jupyter display: ``_repr_mimebundle_`` bundles of reports and graphs (an HTML fragment, the plain text)."""
