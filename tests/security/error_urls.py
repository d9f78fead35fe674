"""A URLconf for tests/security/test_error_pages.py only: the real one plus views that fail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from roadahead import urls as real

# Text a careless error page would show: a file path, SQL and a setting's value.
LEAK = "/srv/roadahead/src/roadahead/people/models.py SELECT legal_surname FROM people_pupil WHERE upn = 'A123'"


def bad_request(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(LEAK)


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(LEAK)


def not_found(request: HttpRequest) -> HttpResponse:
    raise Http404(LEAK)


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(LEAK)


def bad_sql(request: HttpRequest) -> HttpResponse:
    # In its own transaction, as every write here is: on PostgreSQL a failed statement spoils the
    # transaction it is in, and the test's own transaction must stay usable for the error page.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT legal_surname FROM no_such_table_people_pupil")
    return HttpResponse("unreachable")


urlpatterns = [
    path("fail/400/", bad_request),
    path("fail/403/", forbidden),
    path("fail/404/", not_found),
    path("fail/500/", crash),
    path("fail/sql/", bad_sql),
    *real.urlpatterns,
]

handler404 = real.handler404
handler403 = real.handler403
handler500 = real.handler500
if hasattr(real, "handler400"):
    handler400 = real.handler400
