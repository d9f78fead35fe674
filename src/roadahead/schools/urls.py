from __future__ import annotations

from django.urls import path

from roadahead.schools import views

app_name = "schools"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("set-up/", views.setup, name="setup"),
]
