"""Pure report builders: a selector's rows in, the report's layout and CSV rows out (no ORM)."""
