from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("giris/dogrulama/", views.two_factor_verify, name="two_factor_verify"),
    path("hesap/iki-adimli-giris/", views.two_factor, name="two_factor"),
]
