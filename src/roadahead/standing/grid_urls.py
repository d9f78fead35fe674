from __future__ import annotations

from django.urls import path

from roadahead.standing import grid_views

app_name = "standing"
urlpatterns = [
    path("", grid_views.grid, name="grid"),
    path("export/", grid_views.grid_export, name="export"),
    path("needs/", grid_views.needs, name="needs"),
]
