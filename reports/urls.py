from django.urls import path

from reports.views import AuditReadinessView, HomeView, MyWorkView, PrintedAuditView, audit_readiness_close, start

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("basili-rapor-farklari/", PrintedAuditView.as_view(), name="printed_audit"),
    path("denetime-hazirlik/", AuditReadinessView.as_view(), name="audit_readiness"),
    path("denetime-hazirlik/yili-kapat/", audit_readiness_close, name="audit_readiness_close"),
    path("islerim/", MyWorkView.as_view(), name="my_work"),
    path("basla/", start, name="start"),
]
