from __future__ import annotations

from django.urls import path

from roadahead.curriculum import views

app_name = "curriculum"
urlpatterns = [
    path("", views.grid, name="grid"),
    path("programme/", views.programme, name="programme"),
    path("schemes/", views.scheme_list, name="scheme_list"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/edit/", views.scheme_edit, name="scheme_edit"),
    path("activities/", views.activity_list, name="activities"),
    path("subjects/", views.subject_list, name="subject_list"),
    path("subjects/new/", views.subject_create, name="subject_create"),
    path("subjects/<int:pk>/edit/", views.subject_edit, name="subject_edit"),
]
