from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from roadahead.accounts import views as accounts_views
from roadahead.api.urls import api
from roadahead.people import views as people_views

school_patterns = [
    path("", include("roadahead.schools.urls")),
    path("set-up/activity-types/", include("roadahead.activities.type_urls")),
    path("", include("roadahead.people.urls")),
    path("staff/", include("roadahead.accounts.staff_urls")),
    path("providers/", include("roadahead.providers.urls")),
    path("activities/", include("roadahead.activities.urls")),
    path("events/", include("roadahead.events.urls")),
    path("imports/", include("roadahead.imports.urls")),
    path("audit/", include("roadahead.audit.urls")),
    path("api-tokens/", include("roadahead.api.token_urls")),
    path("curriculum/", include("roadahead.curriculum.urls")),
    path("lmi/", include("roadahead.lmi.urls")),
    path("training/", include("roadahead.cpd.urls")),
    path("standing/", include("roadahead.standing.grid_urls")),
    path("standing/pupil/", include("roadahead.standing.pupil_urls")),
    path("coverage/", include("roadahead.standing.coverage_urls")),
    path("rules/", include("roadahead.entitlements.urls")),
    path("guidance/", include("roadahead.guidance.urls")),
    path("skills/", include("roadahead.skills.urls")),
    path("profiles/", include("roadahead.profiles.urls")),
    path("reviews/", include("roadahead.reviews.urls")),
    path("placements/", include("roadahead.placements.urls")),
    path("transition/", include("roadahead.transition.urls")),
    path("destinations/", include("roadahead.destinations.urls")),
    path("evaluation/", include("roadahead.evaluation.urls")),
    path("public-page/", include("roadahead.public.urls")),
    path("surveys/", include("roadahead.surveys.urls")),
    path("reports/", include("roadahead.reports.urls")),
    path("export/", include("roadahead.exports.urls")),
    path("privacy/", include("roadahead.privacy.urls")),
]

urlpatterns = [
    path("", people_views.home, name="home"),
    path("schools/", people_views.choose_school, name="choose_school"),
    path("accounts/login/", accounts_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/password/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/two-factor/", include("roadahead.accounts.urls")),
    path("api/v1/", api.urls),
    path("s/<slug:school_slug>/", include(school_patterns)),
    # One-time feedback links for people without an account: the random token is the only key.
    path("feedback/<str:token>/", include("roadahead.events.public_urls")),
    # The stakeholder survey's link for each group: the random token is the only key.
    path("survey/<str:token>/", include("roadahead.surveys.public_urls")),
    # The school's published careers page, for anyone: only what the careers leader chose to publish.
    path("careers/<slug:slug>/", include("roadahead.public.public_urls")),
]

handler404 = "roadahead.core.views.not_found"
handler403 = "roadahead.core.views.forbidden"
handler500 = "roadahead.core.views.server_error"
