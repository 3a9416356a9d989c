"""The « Enseignants » group: staff users who run classes and sessions.

A teacher needs exactly these permissions: managing their classes and sessions (the querysets
keep each teacher to their own), seeing and removing participants of their sessions, and seeing
the quizzes they give. The group is brought up to date after every ``migrate``.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

TEACHERS_GROUP = "Enseignants"
TEACHER_PERMISSIONS: dict[str, list[str]] = {
    "classroom": [
        "add_classroom",
        "change_classroom",
        "delete_classroom",
        "view_classroom",
        "add_session",
        "change_session",
        "delete_session",
        "view_session",
        "view_participant",
        "delete_participant",
    ],
    "quiz": ["view_quiz"],
}


def teachers_group_ensure() -> Group:
    """Create the group if needed and give it exactly ``TEACHER_PERMISSIONS``."""
    group, _created = Group.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = Q(pk__in=[])
    for app_label, codenames in TEACHER_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def is_teacher(user: object) -> bool:
    """A staff user allowed to run sessions (superusers included)."""
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and user.has_perm("classroom.add_session")  # type: ignore[attr-defined]
    )
