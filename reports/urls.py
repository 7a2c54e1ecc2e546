from django.urls import path

from reports.views import HomeView, PrintedAuditView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("basili-rapor-farklari/", PrintedAuditView.as_view(), name="printed_audit"),
]
