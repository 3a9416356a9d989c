"""Remove the classroom student data older than the retention period (a scheduler runs this
daily): participants who joined more than CLASSROOM_RETENTION_DAYS days ago, with their answers
and retries."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from classroom.sessions import student_data_purge


class Command(BaseCommand):
    help = (
        "Remove classroom student data (participants, their answers and retries) older than "
        "CLASSROOM_RETENTION_DAYS days, or --days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: the CLASSROOM_RETENTION_DAYS setting).",
        )

    def handle(self, *args: object, **options: object) -> None:
        days = options["days"]
        if days is None:
            days = settings.CLASSROOM_RETENTION_DAYS
        if days <= 0:
            raise CommandError(_("La durée de conservation doit être un nombre de jours positif."))
        removed = student_data_purge(days=days)
        message = ngettext(
            "%(count)d participant arrivé il y a plus de %(days)d jours supprimé.",
            "%(count)d participants arrivés il y a plus de %(days)d jours supprimés.",
            removed,
        )
        self.stdout.write(message % {"count": removed, "days": days})
