"""The benchmarks' yardstick views, served only by the benchmark's own server (benchmarks.settings)."""

from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def trivial_post(request):
    """Answer "ok" to a signed-in POST: the session, CSRF and log-in checks of any form, and nothing else."""
    return HttpResponse("ok", content_type="text/plain")
