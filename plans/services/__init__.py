"""Writes of plan maintenance, split by concept; import from the module that owns the concept."""
