from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
