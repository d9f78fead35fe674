from __future__ import annotations

from django.urls import path

from roadahead.schools import views

app_name = "schools"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("set-up/", views.setup, name="setup"),
    path("set-up/school/", views.school_edit, name="school_edit"),
    path("set-up/pathways/new/", views.pathway_create, name="pathway_create"),
    path("set-up/pathways/<int:pk>/", views.pathway_edit, name="pathway_edit"),
    path("set-up/phases/new/", views.phase_create, name="phase_create"),
    path("set-up/phases/<int:pk>/", views.phase_edit, name="phase_edit"),
    path("set-up/classes/new/", views.class_create, name="class_create"),
    path("set-up/classes/<int:pk>/", views.class_edit, name="class_edit"),
    path("set-up/years/new/", views.year_create, name="year_create"),
    path("set-up/years/<int:year_pk>/terms/new/", views.term_create, name="term_create"),
    path("set-up/terms/<int:pk>/", views.term_edit, name="term_edit"),
]
