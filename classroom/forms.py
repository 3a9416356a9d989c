from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from classroom.models import DISPLAY_NAME_MAX_LENGTH, Classroom, Session
from quiz.models import Quiz


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code de la session"),
        max_length=20,
        error_messages={"required": _("Saisissez le code affiché par votre enseignant.")},
    )


class JoinNameForm(forms.Form):
    display_name = forms.CharField(
        label=_("Votre nom dans cette session"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("Un prénom ou un pseudonyme : il sera visible par votre enseignant."),
        error_messages={"required": _("Choisissez un nom à afficher.")},
    )


class ResumeForm(forms.Form):
    resume_code = forms.CharField(
        label=_("Votre code personnel"),
        max_length=20,
        error_messages={"required": _("Saisissez le code personnel reçu en rejoignant.")},
    )


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["name"]


class SessionCreateForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=_("Quiz"),
        queryset=Quiz.objects.filter(published=True).order_by("title"),
        to_field_name="slug",
        empty_label=_("— choisir un quiz —"),
    )
    title = forms.CharField(
        label=_("Titre (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Vide : le titre du quiz."),
    )
    classroom = forms.ModelChoiceField(
        label=_("Classe (facultatif)"),
        queryset=Classroom.objects.none(),
        required=False,
        empty_label=_("— aucune —"),
    )
    mode = forms.ChoiceField(
        label=_("Mode"), choices=Session.Mode.choices, widget=forms.RadioSelect
    )
    deadline = forms.DateTimeField(
        label=_("Date limite (facultatif, à son rythme seulement)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    show_leaderboard = forms.BooleanField(
        label=_("Afficher le classement (en direct)"), required=False, initial=True
    )

    def __init__(self, *args: object, teacher: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["classroom"].queryset = Classroom.objects.filter(teacher=teacher)


class DeleteDataForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je confirme : les noms et les réponses des élèves seront effacés."),
        error_messages={"required": _("Cochez la case pour confirmer l’effacement.")},
    )
