from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from accounts.views import set_language
from core.views import health

urlpatterns: list[URLPattern | URLResolver] = [
    path("saglik/", health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    path("", include("reports.urls")),
    path("", include("submissions.urls")),
    path("", include("dashboards.urls")),
    path("disa-aktarma/", include("exports.urls")),
    path("", include("budget.urls")),
    path("", include("imports.urls")),
    path("api/", include("api.urls")),
    path("", include("plans.urls")),
]
# While PostgreSQL restarts, "try again in a few seconds" (503) instead of a bare server error.
handler500 = "core.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
