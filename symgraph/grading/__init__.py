"""Grading a class where teachers grade: the batch engine (identical answers once, per problem once, in
processes or on a Dask cluster, a hard limit per answer), a student's own submission file, and the
Gradescope and PrairieLearn result formats. The answer file itself is read by judging/grading.py."""
