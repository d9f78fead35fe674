"""PDFs from HTML templates with WeasyPrint.

Every document Road Ahead prints (EHCP contributions, "My future", reports) is an ordinary Django
template extending `pdf/base.html`, rendered here. WeasyPrint may only read files we hand it: the
URL fetcher refuses the network and anything outside the static files and the images passed in
`images`, so a pupil's words in a document can never make the server fetch a URL.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

IMAGE_SCHEME = "ra-image:"
STATIC_SCHEME = "ra-static:"


class FetchRefused(ValueError):
    pass


def _resolve(images: Mapping[str, tuple[bytes, str]], url: str) -> tuple[bytes, str]:
    if url.startswith(IMAGE_SCHEME) and url[len(IMAGE_SCHEME):] in images:
        return images[url[len(IMAGE_SCHEME):]]
    name = url[len(STATIC_SCHEME):].lstrip("/") if url.startswith(STATIC_SCHEME) else ""
    if name and ".." not in name.split("/"):
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                return handle.read(), mimetypes.guess_type(path)[0] or "application/octet-stream"
    raise FetchRefused(f"PDFs may not fetch {url[:40]!r}")


def _fetcher(images: Mapping[str, tuple[bytes, str]]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            data, mime_type = _resolve(images, url)
            return URLFetcherResponse(url, body=data, headers={"Content-Type": mime_type})

    return Fetcher(fail_on_errors=True)


def render_pdf(template_name: str, context: Mapping[str, object], *,
               images: Mapping[str, tuple[bytes, str]] | None = None) -> bytes:
    """Render a template to PDF bytes. `images` maps a name to (bytes, MIME type); the template
    refers to one as `ra-image:NAME` (e.g. `<img src="ra-image:photo" alt="…">`)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = render_to_string(template_name, dict(context))
    try:
        # Tagged (headings, lists, tables, alt text in the structure tree) so screen readers can read it.
        return HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=_fetcher(images or {})).write_pdf(
            pdf_tags=True)  # the language comes from <html lang> in pdf/base.html
    except FatalURLFetchingError as error:  # a BaseException in WeasyPrint; make it an ordinary error
        raise FetchRefused(str(error)) from None
