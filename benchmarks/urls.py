"""The product's URLs and the yardstick POST view, for the benchmarks' server only (never the product's)."""

from django.urls import path

from benchmarks.views import trivial_post
from goc_perf.urls import urlpatterns as product_urlpatterns

TRIVIAL_POST_PATH = "/kiyas/bos-post/"

urlpatterns = [path(TRIVIAL_POST_PATH.strip("/") + "/", trivial_post, name="bench_trivial_post"), *product_urlpatterns]
