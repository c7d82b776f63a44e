"""The self-contained HTML step-through page (its template, CSS and script are in ``assets/``)."""
