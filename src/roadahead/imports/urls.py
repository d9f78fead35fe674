from __future__ import annotations

from django.urls import path

from roadahead.imports import views

app_name = "imports"
urlpatterns = [path("", views.imports_list, name="list")]
