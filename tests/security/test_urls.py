"""C21 (docs/security.md): no personal data in URLs. Every URL pattern's parameters are ids
(int), a school's or page's short name (slug) or a random token, so a pupil's name, UPN or needs
can never be part of an address, a browser history or a server log. Links on the pages are walked in
tests/security/test_csp_headers.py with canary names and UPNs."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter, StringConverter

# Parameters that carry a random token (str): a password-reset link's parts, feedback and survey links.
TOKENS = {"token", "uidb64"}
SLUGS = {"school_slug", "slug"}
# Fixed choices, checked against their list by the view (404 otherwise), naming a group, never a pupil:
# the skills cohort's grouping (year, pathway, class) and its key (an NC year or a pathway or class id),
# a survey's respondent group (pupils, parents, staff...) and which half of a transition pair to add.
CHOICES = {("cohort_pupils", "by"), ("cohort_pupils", "key"), ("respond", "group"), ("pair_add_half", "kind")}


def parameters() -> list[tuple[str, str, type]]:
    found: list[tuple[str, str, type]] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            for name, converter in getattr(pattern.pattern, "converters", {}).items():
                found.append((route, name, type(converter)))
                if isinstance(pattern, URLPattern) and (pattern.name, name) in CHOICES:
                    found[-1] = (route, name, IntConverter)  # a fixed choice: see CHOICES
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                assert isinstance(pattern, URLPattern)

    walk(get_resolver().url_patterns, "/")
    return found


def test_every_url_parameter_is_an_id_a_slug_or_a_token():
    found = parameters()
    assert len(found) > 100
    wrong = []
    for route, name, kind in found:
        if kind is IntConverter:
            continue
        if kind is SlugConverter and name in SLUGS:
            continue
        if kind is StringConverter and name in TOKENS:
            continue
        if kind is StringConverter and route.startswith("/api/") and name.endswith("_id"):
            continue  # django-ninja routes its path parameters as text and checks them as integers (below)
        wrong.append(f"{route}: <{kind.__name__} {name}>")
    assert wrong == []


def test_no_route_takes_free_text_by_regex():
    """A regular-expression route could take anything; there are none."""
    from django.urls.resolvers import RegexPattern

    def regexes(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern.pattern, RegexPattern) and pattern.pattern.regex.groups:
                yield prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from regexes(pattern.url_patterns, prefix + str(pattern.pattern))

    assert list(regexes(get_resolver().url_patterns)) == []


def test_api_path_parameters_are_integers(client):
    document = client.get("/api/v1/openapi.json").json()
    kinds = {(path, parameter["name"]): parameter["schema"].get("type")
             for path, item in document["paths"].items() for operation in item.values()
             for parameter in operation.get("parameters", []) if parameter["in"] == "path"}
    assert kinds
    assert {key: kind for key, kind in kinds.items() if kind != "integer"} == {}
