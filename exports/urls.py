from django.urls import path

from exports.views import ExportPageView, job_download, job_status, template_download

app_name = "exports"
urlpatterns = [
    path("", ExportPageView.as_view(), name="page"),
    path("sablon/", template_download, name="template_download"),
    path("<int:pk>/durum/", job_status, name="job_status"),
    path("<int:pk>/indir/", job_download, name="job_download"),
]
