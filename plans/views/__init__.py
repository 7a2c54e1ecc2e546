"""Pages of plan maintenance: the strategic plan, the performance programme, yearly texts, checks."""
