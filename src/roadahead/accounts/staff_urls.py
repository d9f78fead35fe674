"""The careers leader's two-factor reset, beside the staff pages under /s/<school>/staff/."""

from __future__ import annotations

from django.urls import path

from roadahead.accounts import views

app_name = "member_security"
urlpatterns = [
    path("<int:pk>/two-factor/reset/", views.reset_two_factor, name="reset_two_factor"),
]
