from __future__ import annotations

from django.urls import path

from roadahead.standing import pupil_views

app_name = "pupil_standing"
urlpatterns = [
    path("<int:pupil_pk>/", pupil_views.pupil_standing, name="page"),
    path("<int:pupil_pk>/fragment/", pupil_views.pupil_standing_fragment, name="fragment"),
]
