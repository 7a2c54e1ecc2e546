"""One reader/validator per sheet of the import: its columns, its key and its cross-checks (pure, no database).

imports.dataset assembles them into the data set's sheets; imports/writers/ holds the matching writers.
"""
