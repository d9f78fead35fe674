from __future__ import annotations

import pytest

from roadahead.core.pdf import FetchRefused, _resolve, render_pdf
from tests.pdf_support import pdf_info, pdf_pages, pdf_text


def test_a_template_renders_to_a_pdf_with_its_text(settings, tmp_path):
    _templates_in(settings, tmp_path)
    (tmp_path / "doc.html").write_text('{% extends "pdf/base.html" %}{% block content %}<h1>Next steps for Sam</h1>'
                                       '<img src="ra-image:photo" alt="Sam">{% endblock %}')
    data = render_pdf("doc.html", {}, images={"photo": (TINY_PNG, "image/png")})
    (png,) = pdf_pages(data)
    assert png.startswith(b"\x89PNG")
    assert "Next steps for Sam" in pdf_text(data)


@pytest.mark.parametrize("url", ["http://example.com/x.png", "file:///etc/passwd", "ra-image:nothing",
                                 "ra-static:../../settings.py"])
def test_documents_cannot_fetch_anything_but_what_they_are_given(url, settings, tmp_path):
    with pytest.raises(FetchRefused):
        _resolve({}, url)


TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def test_a_document_asking_for_the_network_is_not_rendered(settings, tmp_path):
    _templates_in(settings, tmp_path)
    (tmp_path / "network.html").write_text('<p>Hi</p><img src="http://169.254.169.254/latest" alt="">')
    with pytest.raises(FetchRefused, match=r"169\.254"):
        render_pdf("network.html", {})


def _templates_in(settings, folder):
    # A new TEMPLATES value (not an edit in place) so Django rebuilds its template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [folder]}, *settings.TEMPLATES[1:]]


def test_documents_are_tagged_for_screen_readers(settings, tmp_path):
    _templates_in(settings, tmp_path)
    (tmp_path / "tagged.html").write_text('{% extends "pdf/base.html" %}{% block content %}<h1>My future</h1>'
                                          '<p>I like gardening.</p>{% endblock %}')
    assert pdf_info(render_pdf("tagged.html", {}))["Tagged"] == "yes"
