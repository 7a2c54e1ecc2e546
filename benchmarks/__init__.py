"""The benchmarks of `make bench` (docs/benchmarks.md): the synthetic data, loopback load tests, goal tables.

Kept out of the application packages: they import every app (the top of the dependency order) and
nothing in the application imports them.
"""
