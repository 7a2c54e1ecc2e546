from django.urls import path

from dashboards.views import IndicatorDetailView, IndicatorTableView, OverviewView

app_name = "dashboards"
urlpatterns = [
    path("panel/", OverviewView.as_view(), name="overview"),
    path("panel/gosterge/<int:pk>/", IndicatorDetailView.as_view(), name="indicator"),
    path("panel/gostergeler/", IndicatorTableView.as_view(), name="indicator_table"),
]
