from __future__ import annotations

from django.urls import path

from roadahead.providers import views

app_name = "providers"
urlpatterns = [path("", views.providers_list, name="list")]
