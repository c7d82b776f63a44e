"""Notations people write on paper and in LaTeX, read into the same tree as the plain syntax.

implicit.py: implicit multiplication and textbook function notation (a pass over the token stream);
unicode.py: superscripts, √ and ÷ in the tokenizer; printer.py: the fully explicit reading (``read_as``);
latex.py + latex.lark: LaTeX input; prime.py: derivative notation on a claim's left side;
syntax.py: which syntax a text is read in (auto-detected, or forced with ``--syntax``).
"""
