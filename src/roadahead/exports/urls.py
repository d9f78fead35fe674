from __future__ import annotations

from django.urls import path

from roadahead.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.export_page, name="export"),
]
