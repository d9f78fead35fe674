from __future__ import annotations

from django.urls import path

from roadahead.profiles import views

app_name = "profiles"
urlpatterns = [
    path("export.csv", views.export_entries, name="export"),
    path("pupil/<int:pupil_pk>/", views.profile, name="profile"),
    path("pupil/<int:pupil_pk>/summary/", views.fragment, name="fragment"),
    path("pupil/<int:pupil_pk>/entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/end/", views.entry_end, name="entry_end"),
    path("pupil/<int:pupil_pk>/destinations/<int:start_year>/", views.plan_edit, name="plan_edit"),
    path("pupil/<int:pupil_pk>/my-future/", views.my_future, name="my_future"),
    path("pupil/<int:pupil_pk>/my-future/my-future.pdf", views.my_future_pdf, name="my_future_pdf"),
    path("pupil/<int:pupil_pk>/my-future/edit/", views.my_future_edit, name="my_future_edit"),
    path("pupil/<int:pupil_pk>/my-future/pictures/new/", views.picture_add, name="picture_add"),
    path("pictures/<int:pk>/", views.picture, name="picture"),
    path("pictures/<int:pk>/remove/", views.picture_remove, name="picture_remove"),
]
