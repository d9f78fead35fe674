from __future__ import annotations

from django.urls import path

from roadahead.privacy import views

app_name = "privacy"
urlpatterns = [
    path("pupil/<int:pupil_pk>/subject-access/", views.subject_access, name="subject_access"),
    path("pupil/<int:pupil_pk>/erase/", views.erase, name="erase"),
]
