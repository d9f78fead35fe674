from __future__ import annotations

from django.urls import path

from roadahead.lmi import views

app_name = "lmi"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/shared/", views.share_create, name="share_create"),
    path("shared/<int:pk>/edit/", views.share_edit, name="share_edit"),
    path("shared/<int:pk>/delete/", views.share_delete, name="share_delete"),
]
