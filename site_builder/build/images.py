"""Portraits through Pillow: each one decoded in full, checked, turned upright, cropped
square and made at the sizes the pages show it (1x and 2x), as WebP with a JPEG fallback
(PNG when it has transparency), under content-hashed names.

The work on one portrait is the step ``PORTRAIT``: its result depends on the source
file's bytes (a digest) and the sizes and encoder settings below, so a build with the
incremental engine reuses what an earlier one made, and nothing here knows of it.
``check`` decodes the same way without encoding (``problems``); a portrait that cannot be
decoded is an editor's error at its ``portrait:`` line, and the build publishes nothing.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ERROR, Problem
from .work import Step, fingerprint

# The square boxes, in CSS pixels, the pages show a portrait in (templates/static/site.css:
# `.people img` and `.portrait`): the people page's thumbnail and the author page's portrait.
SIZES = {"thumb": 48, "card": 96, "portrait": 160}      # people page, team page, person page
DENSITIES = (1, 2)                 # each made for ordinary and high-density screens, never upscaled
LARGEST = max(SIZES.values()) * max(DENSITIES)
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")          # what Pillow is allowed to decode
FORMAT_NAMES = "JPEG, PNG, WebP, GIF or AVIF"
MAX_PIXELS = 100_000_000           # 100 megapixels: more than any phone or full-frame camera takes
MAX_BYTES = 50_000_000             # 50 MB: a full-size camera JPEG is 5-30 MB
# Fixed encoder settings: the same portrait always gives the same bytes.
WEBP = {"quality": 82, "method": 6}
JPEG = {"quality": 85, "optimize": True, "progressive": True}
PNG = {"optimize": True}
VERSION = (1, tuple(SIZES.items()), DENSITIES, tuple(WEBP.items()), tuple(JPEG.items()), tuple(PNG.items()))
_SRGB = None         # the sRGB profile, made with Pillow (see _pillow)
_HINT_EXPORT = "export the photo again as JPEG or PNG"


@dataclass(frozen=True)
class Shown:
    """A portrait at one size: its box (CSS pixels, square) and its files, (URL, density) each."""
    box: int
    webp: tuple[tuple[str, int], ...]
    fallback: tuple[tuple[str, int], ...]       # JPEG, or PNG with transparency


@dataclass(frozen=True)
class Picture:
    """A processed portrait: how each size is shown, and the files to publish (path -> bytes)."""
    shown: dict[str, Shown]
    files: dict[str, bytes] = field(repr=False)

    @property
    def largest(self) -> str:
        """The biggest fallback file (for og:image and JSON-LD: every reader takes JPEG and PNG)."""
        return max(self.shown.values(), key=lambda s: s.box).fallback[-1][0]


@dataclass(frozen=True)
class Figure:
    """What a template shows of a person (partials/portrait.html): their Picture, or else the
    initials placeholder (a ``data:`` URL)."""
    picture: Picture | None
    placeholder: str = ""

    def box(self, size: str) -> int:
        return SIZES[size]

    def shown(self, size: str) -> Shown | None:
        return self.picture.shown[size] if self.picture else None


class Refused(Exception):
    """A portrait the site cannot publish: ``message`` follows the quoted path, ``hint`` says what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


# --- decoding ------------------------------------------------------------------

def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!doctype svg", b"<!--")) and b"<svg" in head)


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 4:       # not only a character cut at the sample's end
            return False
        text = sample[:error.start].decode("utf-8")
    return all(c.isprintable() or c in "\t\r\n\f" for c in text)


@contextlib.contextmanager
def _own_pixel_limit():
    """Pillow's own guard refuses or warns of large images at open; ours (MAX_PIXELS) says the
    size, and is applied before anything is decoded."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _pillow() -> None:
    """Pillow, imported when a portrait is first decoded: a site without portraits never needs it
    (a tenth of what a build imports at start-up)."""
    global Image, ImageCms, ImageOps, UnidentifiedImageError, _SRGB
    if _SRGB is None:
        from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

        _SRGB = ImageCms.createProfile("sRGB")


def decode(data: bytes) -> Image.Image:
    """The image in ``data``, decoded in full (JPEG at the smallest scale that still gives every
    size), or Refused saying why not."""
    _pillow()
    if not data:
        raise Refused("is an empty file", _HINT_EXPORT)
    if _looks_like_svg(data):
        raise Refused("is an SVG drawing, which could run scripts on the site", "export it as PNG, JPEG or WebP")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and int.from_bytes(data[4:8], "little") + 8 > len(data):
        raise _damaged(EOFError())
    with _own_pixel_limit():
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except UnidentifiedImageError:
            what = "the file holds text" if _looks_like_text(data) else "Pillow does not recognise its bytes"
            raise Refused(f"is not a {FORMAT_NAMES} image: {what}", _HINT_EXPORT) from None
        except Exception as error:       # a header Pillow recognised but cannot read
            raise _damaged(error) from None
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Refused(f"is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), over the limit of "
                          f"{MAX_PIXELS // 1_000_000} megapixels", f"scale it down: pages show it at most "
                          f"{LARGEST} pixels wide")
        if width < 1 or height < 1:
            raise Refused("has no pixels", _HINT_EXPORT)
        try:
            if image.format == "JPEG":
                image.draft(None, (LARGEST, LARGEST))     # still decodes all of it, at 1/2 to 1/8 scale
            image.load()
        except Exception as error:
            raise _damaged(error) from None
    return image


def _damaged(error: Exception) -> Refused:
    if isinstance(error, EOFError) or "truncated" in str(error).lower():
        return Refused("is cut short: the file ends before the image does", "copy it again from the original")
    return Refused("is damaged: its image data cannot be decoded", _HINT_EXPORT)


def upright(image: Image.Image) -> tuple[Image.Image, bool]:
    """The image as a viewer shows it: EXIF orientation applied, colours in sRGB, RGB or RGBA
    (True: it has transparency), and no metadata at all."""
    _pillow()
    try:
        image = ImageOps.exif_transpose(image) or image
    except Exception:           # a damaged EXIF block: the pixels as stored
        pass
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB,
                                              outputMode=mode)
        except Exception:       # a profile littlecms cannot use: the pixels as they are
            pass
    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):     # 16-bit or float greyscale
        low, high = image.getextrema()
        scale = 255 / (high - low) if high > low else 1
        image = image.point(lambda v: (v - low) * scale).convert("L")
    if alpha:
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema() == (255, 255):
            image, alpha = image.convert("RGB"), False
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}
    return image, alpha


# --- sizes and files ---------------------------------------------------------------

def side_lengths(side: int) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each size's (density, pixels) for a square source of ``side`` pixels: 1x and 2x of the
    box, never more than the source has (a small source gives fewer, smaller files)."""
    out = {}
    for name, box in SIZES.items():
        made: list[tuple[int, int]] = []
        for density in DENSITIES:
            pixels = min(box * density, side)
            if made and pixels <= made[-1][1]:
                break
            made.append((density, pixels))
        out[name] = tuple(made)
    return out


def _square(image: Image.Image, pixels: int) -> Image.Image:
    """The centred square of ``image``, ``pixels`` wide."""
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) / 2, (height - side) / 2
    return image.resize((pixels, pixels), Image.Resampling.LANCZOS, box=(left, top, left + side, top + side),
                        reducing_gap=3.0)


def _encode(image: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    settings = {"WEBP": WEBP, "JPEG": JPEG, "PNG": PNG}[kind]
    image.save(buffer, kind, **settings)
    return buffer.getvalue()


def _name(author_id: str, pixels: int, data: bytes, extension: str) -> str:
    return f"portraits/{author_id}-{pixels}-{hashlib.blake2b(data, digest_size=5).hexdigest()}.{extension}"


def make_picture(author_id: str, data: bytes) -> Picture:
    """Every file of one portrait, or Refused."""
    image, alpha = upright(decode(data))
    fallback_kind, fallback_ext = ("PNG", "png") if alpha else ("JPEG", "jpg")
    files: dict[str, bytes] = {}
    made: dict[int, tuple[str, str]] = {}        # pixels -> (webp, fallback) paths
    shown = {}
    for name, lengths in side_lengths(min(image.size)).items():
        for _, pixels in lengths:
            if pixels not in made:
                square = _square(image, pixels)
                webp, fallback = _encode(square, "WEBP"), _encode(square, fallback_kind)
                made[pixels] = (_name(author_id, pixels, webp, "webp"), _name(author_id, pixels, fallback, fallback_ext))
                files[made[pixels][0]], files[made[pixels][1]] = webp, fallback
        shown[name] = Shown(SIZES[name], tuple((made[p][0], d) for d, p in lengths),
                            tuple((made[p][1], d) for d, p in lengths))
    return Picture(shown, files)


def _portrait(item: tuple[str, str, bytes]):
    """The step's work: (author id, source path, digest of its bytes) -> a Picture, or
    (message, hint) when it cannot be published."""
    author_id, path, digest = item
    try:
        data = Path(path).read_bytes()
        return make_picture(author_id, data)
    except Refused as refused:
        return refused.message, refused.hint
    except OSError as error:
        return _unreadable(error)


PORTRAIT = Step("portrait", _portrait, key=lambda item: (item[0], fingerprint((item[2], VERSION))),
                min_items=4)       # tens of milliseconds each: worth every core from a handful


def _unreadable(error: OSError) -> tuple[str, str]:
    reason = (error.strerror or str(error)).lower()
    return f"cannot be read: {reason}", "check that the file is readable by whoever runs the build"


# --- the stage ---------------------------------------------------------------------

def _sources(content):
    """(author, source path, shown path, line) of every portrait of the valid authors."""
    root = Path(content.root)
    for author in content.authors:
        if author.portrait:
            yield author, root / author.portrait, author.path, content.lines.get(author.path, {}).get("portrait", 0)


def _problem(author, shown: str, line: int, message: str, hint: str) -> Problem:
    return Problem(shown, line, f"portrait '{author.portrait}' {message}", ERROR, hint)


def _digest(path: Path) -> bytes:
    """Of the file's bytes, or Refused (too large to be a portrait, unreadable)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Refused(f"is {size / 1e6:.0f} MB, over the limit of {MAX_BYTES // 1_000_000} MB",
                          "export it again as a JPEG of a few MB")
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "blake2b").digest()
    except OSError as error:
        raise Refused(*_unreadable(error)) from None


def process(content, work) -> tuple[dict[str, Picture], list[Problem]]:
    """Every valid author's processed portrait, by author id, and the problems of those that
    cannot be published (errors, each at its entry's ``portrait:`` line)."""
    problems: list[Problem] = []
    items, where = [], []
    for author, path, shown, line in _sources(content):
        try:
            items.append((author.id, str(path), _digest(path)))
            where.append((author, shown, line))
        except Refused as refused:
            problems.append(_problem(author, shown, line, refused.message, refused.hint))
    pictures = {}
    for (author, shown, line), result in zip(where, work.map(PORTRAIT, items)):
        if isinstance(result, Picture):
            pictures[author.id] = result
        else:
            problems.append(_problem(author, shown, line, *result))
    return pictures, problems


def problems(content) -> list[Problem]:
    """What ``check`` says of the portraits: each decoded in full, nothing encoded."""
    found = []
    for author, path, shown, line in _sources(content):
        try:
            _digest(path)
            upright(decode(path.read_bytes()))
        except Refused as refused:
            found.append(_problem(author, shown, line, refused.message, refused.hint))
        except OSError as error:
            found.append(_problem(author, shown, line, *_unreadable(error)))
    return found
