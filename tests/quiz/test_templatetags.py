from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from quiz.models import AnswerForm, Choice
from quiz.templatetags.quiz import (
    OPTION_LABEL_TEMPLATE,
    duration,
    french_spacing,
    iso_duration,
)
from quiz.views import OptionField


def test_french_punctuation_stays_on_the_line_of_the_word_before_it():
    assert french_spacing("Qui a dit : « Nous voulons la paix » ?") == (
        "Qui a dit\u00a0: «\u00a0Nous voulons la paix\u00a0»\u202f?"
    )


@pytest.mark.parametrize(
    ("seconds", "text", "iso"),
    [
        (0, "0 s", "PT0M0S"),
        (45, "45 s", "PT0M45S"),
        (245, "4 min 05 s", "PT4M5S"),
        (3720, "1 h 02 min", "PT62M0S"),
        (-5, "0 s", "PT0M0S"),
    ],
)
def test_a_duration_reads_in_hours_minutes_and_seconds(seconds, text, iso):
    value = datetime.timedelta(seconds=seconds)
    assert duration(value) == text
    assert iso_duration(value) == iso


def _field(index: int, text: str, sent: str = "") -> OptionField:
    return OptionField(index=index, choice=Choice(text=text), sent=sent)


def _loop(fields: list[OptionField], form: str) -> str:
    """The labels as a loop over the fields renders them, each through the template."""
    return "".join(
        render_to_string(
            OPTION_LABEL_TEMPLATE,
            {"form": form, "index": f.index, "text": f.choice.text, "sent": f.sent},
        )
        for f in fields
    )


@pytest.mark.parametrize("form", [AnswerForm.SINGLE, AnswerForm.MULTIPLE])
def test_kept_option_labels_are_the_labels_the_template_renders(form):
    fields = [
        _field(0, "Le sommet : « Vladivostok » ?"),
        _field(1, 'Kim <script>alert("x")</script> & <index>', sent="on"),
        _field(12, "Pyongyang"),
    ]

    html = Template("{% load quiz %}{% option_labels fields form %}").render(
        Context({"fields": fields, "form": form})
    )

    assert html == _loop(fields, form)
    assert "<script>" not in html
    assert "&lt;index&gt;" in html
    assert 'value="12"' in html
    assert html.count(" checked") == 1
    kind = "checkbox" if form == AnswerForm.MULTIPLE else "radio"
    assert html.count(f'type="{kind}"') == 3
    assert (" required" in html) is (form == AnswerForm.SINGLE)


def test_an_option_edited_shows_its_new_text():
    template = Template("{% load quiz %}{% option_labels fields 'single' %}")
    before = template.render(Context({"fields": [_field(0, "Moscou")]}))
    after = template.render(Context({"fields": [_field(0, "Moscou (Russie)")]}))
    assert "Moscou</span>" in before
    assert "Moscou (Russie)</span>" in after


@pytest.mark.parametrize(
    ("name", "items", "loop"),
    [
        (
            "pair",
            [("0", "Moscou : « 2001 »"), ("1", "<b>Vladivostok</b> & co"), ("2", "Hanoï")],
            '{% for value, text in items %}<option value="{{ value }}"{% if value == sent %}'
            " selected{% endif %}>{{ text|french_spacing }}</option>{% endfor %}",
        ),
        (
            "rank",
            ["1", "2", "3"],
            '{% for rank in items %}<option value="{{ rank }}"{% if rank == sent %} selected'
            "{% endif %}>{{ rank }}</option>{% endfor %}",
        ),
    ],
)
@pytest.mark.parametrize("sent", ["", "1"])
def test_kept_select_options_are_the_options_the_template_renders(name, items, loop, sent):
    expected = Template("{% load quiz %}" + loop).render(Context({"items": items, "sent": sent}))

    html = Template("{% load quiz %}{% select_options name items sent %}").render(
        Context({"name": name, "items": items, "sent": sent})
    )

    assert html == expected
    assert html.count(" selected") == (1 if sent else 0)
    assert "<b>" not in html
