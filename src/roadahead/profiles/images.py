"""Pictures for My future pages: checked by their content, re-encoded, and kept out of public reach.

An upload is trusted for nothing: its name and declared type are ignored and Pillow decides what
it is. Only JPEG, PNG, GIF and WebP pictures are taken, within a size in bytes and in pixels (a
"decompression bomb" is a small file that claims a huge picture). The picture is redrawn into a
fresh JPEG or PNG no larger than MAX_SIDE, which drops EXIF (camera, place, time) and every other
bit of metadata. Files are stored under MEDIA_ROOT/private with a random name and read back only
by a view that checks who is asking.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo is fine; more is refused before decoding
MAX_SIDE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
FOLDER = "private/my-future"


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    mime_type: str
    extension: str
    width: int
    height: int


def _refuse() -> ValidationError:
    return ValidationError(_("The file must be a photo or picture (JPEG, PNG, GIF or WebP)."), code="not_image")


def clean_image(data: bytes) -> CleanImage:
    """Check that `data` is a picture we accept and return it redrawn without metadata."""
    from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ValidationError(_("The picture must be smaller than 5 MB."), code="too_big")
    if not data:
        raise _refuse()
    too_many = ValidationError(_("The picture has too many pixels: make it smaller than 40 megapixels."),
                               code="too_many_pixels")
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; we refuse there too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))  # reads the header only
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise _refuse() from None
        if image.format not in ACCEPTED_FORMATS:
            raise _refuse()
        if image.width * image.height > MAX_PIXELS:
            raise too_many
        # WeasyPrint switches on Pillow's "load truncated images" for the whole process when it is
        # imported (for PDFs); an upload must be whole, so it is switched off while we read one.
        truncated_ok, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            image.load()
            image = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except (OSError, SyntaxError, ValueError):
            raise _refuse() from None
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    transparent = image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
    clean = image.convert("RGBA" if transparent else "RGB")
    clean.info = {}
    out = io.BytesIO()
    if transparent:
        clean.save(out, format="PNG", optimize=True)
        mime, extension = "image/png", "png"
    else:
        clean.save(out, format="JPEG", quality=85)
        mime, extension = "image/jpeg", "jpg"
    return CleanImage(out.getvalue(), mime, extension, clean.width, clean.height)


def private_root() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


def store(*, school_id: int, image: CleanImage) -> str:
    """Write the picture under the private folder; returns its name relative to that folder."""
    name = f"{school_id}/{uuid.uuid4().hex}.{image.extension}"
    path = private_root() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(image.data)
    return name


def _path(name: str) -> Path:
    root = private_root().resolve()
    path = (root / name).resolve()
    if root not in path.parents:  # names are ours, but never follow one out of the folder
        raise ValueError("picture name outside the private folder")
    return path


def read(name: str) -> bytes:
    return _path(name).read_bytes()


def remove(name: str) -> None:
    _path(name).unlink(missing_ok=True)
