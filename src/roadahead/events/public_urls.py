"""The public feedback form: /feedback/<token>/, outside any school's address and without sign-in."""

from __future__ import annotations

from django.urls import path

from roadahead.events import views

app_name = "feedback"
urlpatterns = [
    path("", views.public_feedback, name="form"),
]
