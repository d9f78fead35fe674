from __future__ import annotations

from django.urls import path

from roadahead.transition import views

app_name = "transition"
urlpatterns = [
    path("", views.visit_list, name="list"),
    path("providers/", views.provider_list, name="providers"),
    path("pupils/", views.pupil_list, name="pupils"),
    path("pupils/without/", views.without_list, name="without"),
    path("summary/", views.summary, name="summary"),
    path("pairs/new/", views.pair_create, name="pair_create"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/edit/", views.pair_edit, name="pair_edit"),
    path("pairs/<int:pk>/add/<slug:kind>/", views.pair_add_half, name="pair_add_half"),
    path("pairs/<int:pk>/delete/", views.pair_delete, name="pair_delete"),
    path("pupil/<int:pupil_pk>/", views.pupil_visits, name="pupil"),
    path("pupil/<int:pupil_pk>/section/", views.pupil_section, name="pupil_section"),
    path("pupil/<int:pupil_pk>/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/delete/", views.visit_delete, name="visit_delete"),
    path("visits/<int:pk>/destination/<int:pupil_pk>/", views.update_destination, name="destination"),
]
