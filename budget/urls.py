from django.urls import path

from budget import views

app_name = "budget"
urlpatterns = [
    path("butce/", views.BudgetReportView.as_view(), {"report": "uygulama"}, name="execution"),
    path("butce/tablo/<slug:report>/", views.BudgetReportView.as_view(), name="report"),
    path("butce/satirlar/", views.BudgetLineListView.as_view(), name="lines"),
    path("butce/satir/yeni/", views.line_create, name="line_create"),
    path("butce/satir/<int:pk>/", views.line_detail, name="line"),
    path("butce/satir/<int:pk>/aktarma/", views.line_transfer, name="line_transfer"),
    path("butce/satir/<int:pk>/harcama/", views.line_spending, name="line_spending"),
    path("butce/satir/<int:pk>/kbo/", views.line_initial, name="line_initial"),
    path("butce/para-ve-performans/", views.MoneyAndPerformanceView.as_view(), name="money_performance"),
]
