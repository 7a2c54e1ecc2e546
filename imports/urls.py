from django.urls import path

from imports.views import ConfirmView, DataDownloadView, TemplateDownloadView, UploadView

app_name = "imports"

urlpatterns = [
    path("ice-aktarma/", UploadView.as_view(), name="upload"),
    path("ice-aktarma/onayla/", ConfirmView.as_view(), name="confirm"),
    path("ice-aktarma/sablon.xlsx", TemplateDownloadView.as_view(), name="template"),
    path("ice-aktarma/veri.xlsx", DataDownloadView.as_view(), name="data"),
]
