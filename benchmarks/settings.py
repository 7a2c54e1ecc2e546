"""Settings of the benchmarks' own gunicorn: the product's, with the yardstick POST view added to its URLs."""

from goc_perf.settings.base import *  # noqa: F403 - the product's settings, unchanged but for the URLs

ROOT_URLCONF = "benchmarks.urls"
