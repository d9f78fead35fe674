"""The published careers page: /careers/<school slug>/, outside any school's address and without
sign-in. The keyword is `slug`, not `school_slug`, so the school middleware leaves it alone."""

from __future__ import annotations

from django.urls import path

from roadahead.public import views

app_name = "careers"
urlpatterns = [
    path("", views.page, name="page"),
    path("easy-read/", views.easy_read, name="easy_read"),
]
