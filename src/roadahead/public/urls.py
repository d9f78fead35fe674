from __future__ import annotations

from django.urls import path

from roadahead.public import views

app_name = "public"
urlpatterns = [
    path("", views.edit, name="edit"),
    path("preview/", views.preview, name="preview"),
    path("html/", views.copy_html, name="copy_html"),
]
