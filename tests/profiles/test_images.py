"""Uploaded pictures: checked by content, limited in size, re-encoded without metadata, stored
privately and served only through the permission-checked view."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadahead.profiles import images
from roadahead.profiles.models import Picture
from tests.profiles.factories import jpeg_with_exif, png_bytes

pytestmark = pytest.mark.django_db


def _upload(client, world, data: bytes, *, name: str = "goat.png", content_type: str = "image/png",
            alt: str = "Sam feeding a goat"):
    address = reverse("profiles:picture_add", kwargs={"school_slug": world.school.slug,
                                                      "pupil_pk": world.pupils[0].pk})
    return client.post(address, {"image": SimpleUploadedFile(name, data, content_type=content_type),
                                 "section": "like", "alt_text": alt})


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture: a decompression bomb."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def test_a_picture_is_stored_privately_and_served_to_those_who_may_see_it(leader_client, world, settings):
    response = _upload(leader_client, world, png_bytes())
    assert response.status_code == 302
    picture = Picture.objects.get()
    path = images.private_root() / picture.file_name
    assert path.is_file()
    assert str(path).startswith(str(settings.MEDIA_ROOT))
    assert "goat" not in picture.file_name  # the uploaded name is not kept
    served = leader_client.get(reverse("profiles:picture", kwargs={"school_slug": world.school.slug,
                                                                   "pk": picture.pk}))
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "private, no-store"
    assert served.content == path.read_bytes()


def test_metadata_is_stripped(leader_client, world):
    from PIL import Image

    original = jpeg_with_exif()
    assert b"Secret Photographer" in original
    _upload(leader_client, world, original, name="photo.jpg", content_type="image/jpeg")
    stored = (images.private_root() / Picture.objects.get().file_name).read_bytes()
    assert b"Secret Photographer" not in stored
    assert b"PhoneMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_file_that_is_not_a_picture_is_refused_whatever_it_is_called(leader_client, world):
    response = _upload(leader_client, world, b"<script>alert(1)</script>", name="goat.png")
    assert "must be a photo or picture" in response.content.decode()
    assert not Picture.objects.exists()


def test_a_picture_of_a_kind_we_do_not_take_is_refused(leader_client, world):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="BMP")
    response = _upload(leader_client, world, out.getvalue(), name="goat.png", content_type="image/png")
    assert "must be a photo or picture" in response.content.decode()
    assert not Picture.objects.exists()


def test_a_huge_file_is_refused(leader_client, world):
    response = _upload(leader_client, world, png_bytes() + b"\x00" * (images.MAX_BYTES + 1))
    assert "smaller than 5 MB" in response.content.decode()
    assert not Picture.objects.exists()


def test_a_decompression_bomb_is_refused_before_decoding(leader_client, world):
    response = _upload(leader_client, world, _png_claiming(60_000, 60_000))
    assert "too many pixels" in response.content.decode()
    assert not Picture.objects.exists()


def test_a_bomb_between_pillows_limits_is_refused_too():
    # Between Pillow's warning limit and its error limit the library only warns: make sure that
    # counts as a refusal, not a warning the upload carries on past.
    from PIL import Image

    with pytest.raises(ValidationError, match="too many pixels"):
        images.clean_image(_png_claiming(Image.MAX_IMAGE_PIXELS // 4000 + 1, 4001))


@pytest.mark.parametrize("after_a_pdf", [False, True])
def test_a_truncated_picture_is_refused(after_a_pdf):
    if after_a_pdf:
        import weasyprint  # noqa: F401 (importing it tells Pillow to accept truncated images)
    with pytest.raises(ValidationError, match="photo or picture"):
        images.clean_image(png_bytes()[:60])


def test_alt_text_is_required(leader_client, world):
    response = _upload(leader_client, world, png_bytes(), alt="")
    assert response.status_code == 200
    assert not Picture.objects.exists()


def test_a_large_picture_is_scaled_down(leader_client, world):
    _upload(leader_client, world, png_bytes(size=(3200, 1600)))
    picture = Picture.objects.get()
    assert (picture.width, picture.height) == (images.MAX_SIDE, images.MAX_SIDE // 2)


def test_removing_a_picture_deletes_its_file(leader_client, world):
    _upload(leader_client, world, png_bytes())
    picture = Picture.objects.get()
    path = images.private_root() / picture.file_name
    leader_client.post(reverse("profiles:picture_remove", kwargs={"school_slug": world.school.slug,
                                                                  "pk": picture.pk}))
    assert not Picture.objects.exists()
    assert not path.exists()


def test_a_transparent_picture_stays_a_png(leader_client, world):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, format="PNG")
    _upload(leader_client, world, out.getvalue())
    assert Picture.objects.get().mime_type == "image/png"
