from __future__ import annotations

from django.urls import path

from roadahead.entitlements import views

app_name = "rules"
urlpatterns = [
    path("", views.rule_list, name="list"),
    path("new/", views.rule_create, name="create"),
    path("<int:pk>/", views.rule_detail, name="detail"),
    path("<int:pk>/change/", views.rule_edit, name="edit"),
    path("<int:pk>/active/", views.rule_set_active, name="set_active"),
]
