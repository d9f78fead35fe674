from __future__ import annotations

from django.urls import path

from roadahead.accounts import views

app_name = "accounts"
urlpatterns = [
    path("set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("code/", views.two_factor_verify, name="two_factor_verify"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
]
