from __future__ import annotations

from django.urls import path

from roadahead.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/links/", views.make_links, name="make_links"),
    path("<int:pk>/feedback/new/", views.feedback_create, name="feedback_create"),
    path("<int:pk>/feedback/<int:feedback_pk>/profile/", views.add_to_profile, name="add_to_profile"),
]
