"""Looking at PDFs the way a person would: as page images (pdftoppm) and as text (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install poppler-utils (scripts/test.sh does this as root)")
    return path


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess:
    # The tools are found on PATH by _need and the other arguments are ours: nothing untrusted runs.
    return subprocess.run(args, check=True, capture_output=True, **kwargs)  # noqa: S603


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order, with runs of whitespace left as pdftotext gives them."""
    result = _run([_need("pdftotext"), "-layout", "-", "-"], input=data)
    return result.stdout.decode("utf-8")


def pdf_info(data: bytes) -> dict[str, str]:
    """pdfinfo's fields (Pages, Tagged, Title, ...)."""
    out = _run([_need("pdfinfo"), "-"], input=data).stdout.decode("utf-8")
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pdf_pages(data: bytes, *, resolution: int = 40) -> list[bytes]:
    """Each page as a PNG; the count is the page count and each image proves the page rasterises."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(data)
        _run([_need("pdftoppm"), "-png", "-r", str(resolution), str(source), str(Path(folder) / "page")])
        pages = sorted(Path(folder).glob("page*.png"))
        return [page.read_bytes() for page in pages]


def save_first_page(data: bytes, target: Path, *, resolution: int = 70) -> None:
    """Write the first page as a PNG (for the pictures kept in docs/)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(data)
        _run([_need("pdftoppm"), "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
              str(source), str(Path(folder) / "page")])
        target.write_bytes((Path(folder) / "page.png").read_bytes())
