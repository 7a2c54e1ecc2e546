from django.urls import path

from reports.views import HomeView, MyWorkView, PrintedAuditView, start

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("basili-rapor-farklari/", PrintedAuditView.as_view(), name="printed_audit"),
    path("islerim/", MyWorkView.as_view(), name="my_work"),
    path("basla/", start, name="start"),
]
