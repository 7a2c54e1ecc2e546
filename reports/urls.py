from django.urls import path

from reports.views import HomeView

urlpatterns = [path("", HomeView.as_view(), name="home")]
