"""An event's image: checked by its content, its weight and its size, and given with its alt
text, credit and licence, all four together."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory

from summit.images import (
    IMAGE_FORMAT,
    IMAGE_TOO_HEAVY,
    IMAGE_TOO_LARGE,
    IMAGE_TOO_SMALL,
    IMAGE_UNREADABLE,
    validate_event_image,
)
from summit.models import (
    EVENT_IMAGE_DETAILS_WITHOUT_IMAGE,
    EVENT_IMAGE_INCOMPLETE,
    Event,
)
from tests.factories import EventFactory, png_bytes

pytestmark = pytest.mark.django_db

EventImageForm = modelform_factory(
    Event,
    fields=(
        "title",
        "slug",
        "date",
        "precision",
        "image",
        "image_alt",
        "image_credit",
        "image_licence",
    ),
)
DETAILS = {"image_alt": "Kim Jong-un descend du train", "image_credit": "Kremlin.ru"}


def upload(content: bytes, name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def form(files: dict | None = None, **data: str) -> EventImageForm:
    fields = {"title": "Sommet", "slug": "sommet", "date": "2019-04-25", "precision": "day"}
    return EventImageForm({**fields, **data}, files or {})


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_an_image_with_its_alt_text_credit_and_licence_is_stored_with_its_size():
    given = form({"image": upload(png_bytes(640, 480))}, **DETAILS, image_licence="CC BY 4.0")
    assert given.is_valid(), given.errors
    event = given.save()
    assert (event.image_width, event.image_height) == (640, 480)
    assert event.image.name.startswith("events/photo")


@pytest.mark.parametrize("missing", ["image_alt", "image_credit", "image_licence"])
def test_an_image_without_one_of_its_details_is_refused(missing):
    data = {**DETAILS, "image_licence": "CC BY 4.0", missing: "  "}
    given = form({"image": upload(png_bytes())}, **data)
    assert not given.is_valid()
    assert given.errors[missing] == [str(EVENT_IMAGE_INCOMPLETE)]


def test_details_without_an_image_are_refused():
    given = form(**DETAILS)
    assert not given.is_valid()
    assert given.errors["image"] == [str(EVENT_IMAGE_DETAILS_WITHOUT_IMAGE)]
    assert form().is_valid()


def test_the_file_s_content_decides_not_its_name():
    # A GIF named .png, and a text file named .jpg.
    with pytest.raises(ValidationError) as refused:
        validate_event_image(upload(png_bytes(kind="GIF"), "photo.png"))
    assert refused.value.messages == [IMAGE_FORMAT % {"format": "GIF"}]
    with pytest.raises(ValidationError) as refused:
        validate_event_image(upload(b"<?php echo 1; ?>", "photo.jpg"))
    assert refused.value.messages == [str(IMAGE_UNREADABLE)]
    validate_event_image(upload(png_bytes(kind="JPEG"), "photo.png"))
    validate_event_image(upload(png_bytes(kind="WEBP"), "photo"))


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_event_image(upload(png_bytes()[:200]))
    assert refused.value.messages == [str(IMAGE_UNREADABLE)]


def test_the_weight_limit_comes_from_the_settings(settings):
    content = png_bytes()
    settings.SUMMIT_IMAGE_MAX_BYTES = len(content) - 1
    with pytest.raises(ValidationError) as refused:
        validate_event_image(upload(content))
    assert refused.value.code == "too_heavy"
    assert refused.value.messages[0].startswith("L'image pèse")
    assert str(IMAGE_TOO_HEAVY).startswith("L'image pèse")
    settings.SUMMIT_IMAGE_MAX_BYTES = len(content)
    validate_event_image(upload(content))


def test_the_dimensions_are_checked(settings):
    with pytest.raises(ValidationError) as refused:
        validate_event_image(upload(png_bytes(300, 40)))
    assert refused.value.messages == [
        str(IMAGE_TOO_SMALL) % {"width": 300, "height": 40, "min": 100}
    ]
    settings.SUMMIT_IMAGE_MAX_SIDE = 500
    with pytest.raises(ValidationError) as refused:
        validate_event_image(upload(png_bytes(501, 200)))
    assert refused.value.messages == [
        str(IMAGE_TOO_LARGE) % {"width": 501, "height": 200, "max": 500}
    ]


def test_the_card_shows_the_image_with_its_alt_text_size_and_credit(client):
    event = EventFactory(
        slug="sommet", image_alt="Le train", image_credit="Kremlin.ru", image_licence="CC BY 4.0"
    )
    event.image.save("train.png", upload(png_bytes(640, 480)), save=True)
    html = client.get("/events/sommet/").content.decode()
    assert f'<img src="/media/{event.image.name}" alt="Le train" width="640" height="480"' in html
    assert "<figcaption>Kremlin.ru · CC BY 4.0</figcaption>" in html
