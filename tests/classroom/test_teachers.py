from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from classroom.teachers import (
    TEACHER_PERMISSIONS,
    TEACHERS_GROUP,
    is_teacher,
    teachers_group_ensure,
)
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def test_migrate_creates_the_teachers_group_with_exactly_its_permissions() -> None:
    group = Group.objects.get(name=TEACHERS_GROUP)
    granted = {
        (perm.content_type.app_label, perm.codename)
        for perm in group.permissions.select_related("content_type")
    }
    assert granted == {
        (app, codename) for app, codenames in TEACHER_PERMISSIONS.items() for codename in codenames
    }


def test_the_group_is_put_back_in_order_by_migrate() -> None:
    group = teachers_group_ensure()
    group.permissions.clear()
    call_command("migrate", verbosity=0)
    assert group.permissions.count() == sum(len(c) for c in TEACHER_PERMISSIONS.values())


def test_a_teacher_is_a_staff_member_of_the_group() -> None:
    assert is_teacher(TeacherFactory())
    assert not is_teacher(User.objects.create_user("eleve"))
    assert not is_teacher(User.objects.create_user("redacteur", is_staff=True))
    inactive = TeacherFactory(is_active=False)
    assert not is_teacher(inactive)
