from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from roadahead.people.selectors import memberships_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in person to their school, or let them choose if they have several."""
    memberships = list(memberships_for(user=request.user))
    if len(memberships) == 1:
        return redirect("schools:dashboard", school_slug=memberships[0].school.slug)
    return redirect("choose_school")


@login_required
def choose_school(request: HttpRequest) -> HttpResponse:
    return render(request, "core/choose_school.html", {"memberships": memberships_for(user=request.user)})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"title": "Page not found",
                  "text": "The page you asked for does not exist, or you do not have access to it."}, status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"title": "You cannot do that",
                  "text": "Your role in this school does not allow this. Ask your careers leader if you need it."},
                  status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"title": "Sorry, something went wrong",
                  "text": "Nothing you entered has been half-saved. Please try again in a moment."}, status=500)
