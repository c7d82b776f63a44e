"""symgraph"""
