"""The public survey form: /survey/<token>/, outside any school's address and without sign-in."""

from __future__ import annotations

from django.urls import path

from roadahead.surveys import views

app_name = "survey_public"
urlpatterns = [
    path("", views.public_survey, name="form"),
]
