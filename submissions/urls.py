from django.urls import path

from submissions import views

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
        "izleme/<str:unit_code>/<int:year>/<int:quarter>/gecmis/<int:indicator_id>/",
        views.history,
        name="history",
    ),
]
