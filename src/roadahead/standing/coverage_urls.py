from __future__ import annotations

from django.urls import path

from roadahead.standing import coverage_views

app_name = "coverage"
urlpatterns = [
    path("", coverage_views.overview, name="overview"),
    path("trend/", coverage_views.trend, name="trend"),
    path("equity/", coverage_views.equity, name="equity"),
    path("benchmark/<int:number>/", coverage_views.pupils, name="pupils"),
]
