from django.urls import path

from dashboards.views import IndicatorDetailView, IndicatorTableView, OverviewView, SPIndicatorDetailView

app_name = "dashboards"
urlpatterns = [
    path("panel/", OverviewView.as_view(), name="overview"),
    path("panel/gosterge/<int:pk>/", IndicatorDetailView.as_view(), name="indicator"),
    path("panel/gostergeler/", IndicatorTableView.as_view(), name="indicator_table"),
    path("panel/sp/<int:pk>/", SPIndicatorDetailView.as_view(), name="sp_indicator"),
]
