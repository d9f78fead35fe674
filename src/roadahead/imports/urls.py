from __future__ import annotations

from django.urls import path

from roadahead.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.imports_list, name="list"),
    path("pupils/", views.upload, name="upload"),
    path("activities/", views.upload_activities, name="upload_activities"),
    path("destinations/", views.upload_destinations, name="upload_destinations"),
    path("export/activities/", views.export_activities_view, name="export_activities"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
