from django.urls import path

from submissions import evidence_views, views

app_name = "submissions"
urlpatterns = [
    path("izleme/", views.forms_index, name="forms_index"),
    path("inceleme/", views.review_list, name="review_list"),
    path("inceleme/<int:pk>/", views.review_one, name="review_one"),
    path("izleme/<str:unit_code>/<int:year>/<int:quarter>/", views.UnitQuarterView.as_view(), name="unit_quarter"),
    path("izleme/<str:unit_code>/<int:year>/<int:quarter>/gonder/", views.submit, name="submit"),
    path("izleme/<str:unit_code>/<int:year>/<int:quarter>/istisna/", views.grant_exception, name="grant_exception"),
    path(
        "izleme/<str:unit_code>/<int:year>/<int:quarter>/onizleme/<int:indicator_id>/",
        views.preview,
        name="preview",
    ),
    path(
        "izleme/<str:unit_code>/<int:year>/<int:quarter>/kanit/<int:indicator_id>/",
        evidence_views.evidence_upload,
        name="evidence_upload",
    ),
    path("kanit/<int:pk>/", evidence_views.evidence_download, name="evidence_download"),
    path("kanit/<int:pk>/kaldir/", evidence_views.evidence_delete, name="evidence_delete"),
    path(
        "izleme/<str:unit_code>/<int:year>/<int:quarter>/yorum/<int:indicator_id>/",
        views.comment_add,
        name="comment_add",
    ),
    path(
        "izleme/<str:unit_code>/<int:year>/<int:quarter>/gecmis/<int:indicator_id>/",
        views.history,
        name="history",
    ),
]
