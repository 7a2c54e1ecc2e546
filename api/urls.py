"""API routes. DRF authenticates (session or token), so the login middleware lets these through."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.register("indicators", views.PPIndicatorViewSet, basename="indicator")
router.register("quarterly-values", views.QuarterlyValueViewSet, basename="quarterly-value")
router.register("results", views.PPResultViewSet, basename="result")
router.register("sp-results", views.SPResultViewSet, basename="sp-result")
router.register("target-results", views.TargetResultViewSet, basename="target-result")

for pattern in router.urls:
    # Marks the view only: DRF's own authentication and permissions answer 401/403.
    login_not_required(pattern.callback)  # type: ignore[union-attr]

urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("v1/", include(router.urls)),
]
