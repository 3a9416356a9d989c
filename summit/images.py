"""Checks on an image a teacher gives an event: what the file really is (read from its content, not
its name), its weight and its dimensions, each refused with a message that says what to do."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What Pillow calls the formats a browser shows everywhere; their file extension.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_MIN_SIDE = 100  # pixels: smaller is an icon, not a picture of an event

IMAGE_UNREADABLE = _("Ce fichier n'est pas une image lisible (JPEG, PNG ou WebP).")
IMAGE_FORMAT = _(
    "Format %(format)s refusé : envoyez une image JPEG, PNG ou WebP (quel que soit le nom du "
    "fichier, c'est son contenu qui compte)."
)
IMAGE_TOO_HEAVY = _("L'image pèse %(size)s : %(limit)s au plus. Réduisez-la avant de l'envoyer.")
IMAGE_TOO_SMALL = _(
    "L'image mesure %(width)d × %(height)d pixels : %(min)d pixels de côté au moins."
)
IMAGE_TOO_LARGE = _(
    "L'image mesure %(width)d × %(height)d pixels : %(max)d pixels de côté au plus. "
    "Réduisez-la avant de l'envoyer."
)


def validate_event_image(file: File) -> None:
    """Refuses what is not a JPEG, PNG or WebP image of sensible weight and size."""
    from PIL import Image, UnidentifiedImageError

    limit = settings.SUMMIT_IMAGE_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            IMAGE_TOO_HEAVY,
            code="too_heavy",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, (width, height) = image.format, image.size
            # Reads the whole image: a truncated or corrupt file fails here, not in a browser.
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(IMAGE_UNREADABLE, code="unreadable") from None
    finally:
        file.seek(position)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(IMAGE_FORMAT, code="format", params={"format": kind or "?"})
    largest = settings.SUMMIT_IMAGE_MAX_SIDE
    if min(width, height) < IMAGE_MIN_SIDE:
        raise ValidationError(
            IMAGE_TOO_SMALL,
            code="too_small",
            params={"width": width, "height": height, "min": IMAGE_MIN_SIDE},
        )
    if max(width, height) > largest:
        raise ValidationError(
            IMAGE_TOO_LARGE,
            code="too_large",
            params={"width": width, "height": height, "max": largest},
        )
