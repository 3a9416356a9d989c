"""``manage.py export_questions``: published questions for Moodle (contract in DESIGN §6)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quiz.exports import (
    GIFT,
    KINDS_LEFT_OUT,
    MOODLE_XML,
    questions_for_export,
    questions_gift,
    questions_left_out,
    questions_moodle_xml,
)
from quiz.models import Kind, Question, Quiz
from quiz.selectors import quiz_questions

FORMATS = {
    GIFT: ("GIFT", questions_gift),
    MOODLE_XML: ("Moodle XML", questions_moodle_xml),
}

QUIZ_UNKNOWN = _("Aucun quiz n'a l'identifiant « %(slug)s ».")
NOTHING_TO_EXPORT = _("Aucune question publiée à exporter.")
NOTHING_IN_QUIZ = _("Aucune question publiée dans la portée du quiz « %(slug)s ».")
DIRECTORY_MISSING = _("Le dossier %(directory)s n'existe pas : rien n'a été écrit.")
OUTPUT_UNWRITABLE = _("Impossible d'écrire %(path)s : %(error)s. Rien n'a été écrit.")
NOTHING_IN_FORMAT = _(
    "Aucune question publiée ne peut s'écrire au format %(format)s : rien n'a été écrit."
)


def left_out_lines(*, left_out: list[Question], export_format: str) -> list[str]:
    """One line per kind of the questions the format leaves out: how many, and why."""
    counts: dict[str, int] = {}
    for question in left_out:
        counts[question.kind] = counts.get(question.kind, 0) + 1
    return [
        ngettext(
            "%(count)d question (%(kind)s) laissée de côté : %(reason)s.",
            "%(count)d questions (%(kind)s) laissées de côté : %(reason)s.",
            count,
        )
        % {
            "count": count,
            "kind": Kind(kind).label,
            "reason": KINDS_LEFT_OUT[export_format][kind],
        }
        for kind, count in counts.items()
    ]


def file_write_atomically(*, path: Path, content: str) -> None:
    """Write ``content`` (UTF-8) to ``path`` whole or not at all: a temporary file in the same
    directory, then renamed over the target, so that a reader never sees half a file."""
    directory = path.parent
    if not directory.is_dir():
        raise CommandError(DIRECTORY_MISSING % {"directory": directory})
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(descriptor, "wb") as file:
            file.write(content.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        # mkstemp creates the file readable by its owner only; give it the usual permissions.
        os.chmod(temporary, _default_file_mode())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise CommandError(
            OUTPUT_UNWRITABLE % {"path": path, "error": error.strerror or error}
        ) from None


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class Command(BaseCommand):
    help = (
        "Export published questions for Moodle (GIFT or Moodle XML), with their explanation and "
        "source credit in the general feedback."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiz",
            default=None,
            metavar="SLUG",
            help="Only the published questions in this quiz's scope, in a category named after it.",
        )
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            metavar="FILE",
            help="Write to this file (replaced whole) instead of the standard output.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        label, export = FORMATS[options["format"]]
        slug = options["quiz"]
        if slug is None:
            questions = Question.objects.published()
            category = ""
        else:
            quiz = Quiz.objects.filter(slug=slug).first()
            if quiz is None:
                raise CommandError(QUIZ_UNKNOWN % {"slug": slug})
            questions = quiz_questions(quiz)
            category = quiz.title
        questions = list(questions_for_export(questions))
        if not questions:
            if slug is None:
                raise CommandError(str(NOTHING_TO_EXPORT))
            raise CommandError(NOTHING_IN_QUIZ % {"slug": slug})
        omitted = questions_left_out(questions=questions, export_format=options["format"])
        left_out = left_out_lines(left_out=omitted, export_format=options["format"])
        count = len(questions) - len(omitted)
        if not count:
            raise CommandError(" ".join([str(NOTHING_IN_FORMAT % {"format": label}), *left_out]))
        content = export(questions=questions, category=category)

        output: Path | None = options["output"]
        if output is None:
            self.stdout.write(content, ending="")
            summary = ngettext(
                "%(count)d question exportée au format %(format)s.",
                "%(count)d questions exportées au format %(format)s.",
                count,
            ) % {"count": count, "format": label}
            # The export itself is on the standard output: the summary must not end up in it.
            for line in [summary, *left_out]:
                self.stderr.write(line, style_func=lambda text: text)
            return
        file_write_atomically(path=output, content=content)
        summary = ngettext(
            "%(count)d question exportée au format %(format)s dans %(path)s.",
            "%(count)d questions exportées au format %(format)s dans %(path)s.",
            count,
        ) % {"count": count, "format": label, "path": output}
        for line in [summary, *left_out]:
            self.stdout.write(line)
