from __future__ import annotations

from django.urls import path

from roadahead.activities import type_views

app_name = "activity_types"
urlpatterns = [
    path("", type_views.type_list, name="list"),
    path("new/", type_views.type_create, name="create"),
    path("<int:pk>/", type_views.type_edit, name="edit"),
    path("benchmarks/<int:pk>/", type_views.benchmark_edit, name="benchmark_edit"),
]
