from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.core import dates
from roadahead.core.forms import add_validation_errors
from roadahead.people import rules
from roadahead.people.decorators import school_view
from roadahead.people.selectors import pupils_visible_to
from roadahead.schools import services
from roadahead.schools.forms import (
    NOT_BOUND_TYPES,
    AcademicYearForm,
    ClassGroupForm,
    PathwayForm,
    PhaseForm,
    SchoolForm,
    TermForm,
)
from roadahead.schools.models import (
    AcademicYear,
    ClassGroup,
    DestinationCategory,
    Pathway,
    Phase,
    School,
    Term,
)
from roadahead.schools.selectors import academic_year_on, academic_year_start_on


@school_view()
def dashboard(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    visible = pupils_visible_to(membership=request.membership, day=today)  # type: ignore[attr-defined]
    context = {
        "today": today,
        "academic_year": academic_year_on(school=school, day=today),
        "pupil_count": visible.filter(date_left__isnull=True).count(),
        "can_manage": rules.can_manage_school(request.membership),  # type: ignore[attr-defined]
    }
    return render(request, "schools/dashboard.html", context)


@school_view(rules.can_view_school_setup)
def setup(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    start_year = academic_year_start_on(school=school, day=timezone.localdate())
    terms = Term.objects.filter(school=school).order_by("starts_on")
    context = {
        "years": AcademicYear.objects.filter(school=school).prefetch_related(Prefetch("terms", queryset=terms))
        .order_by("-start_year"),
        "phases": Phase.objects.filter(school=school),
        "pathways": Pathway.objects.filter(school=school).prefetch_related(
            Prefetch("in_keeping_destinations", queryset=DestinationCategory.objects.filter(school=school))),
        "destination_categories": DestinationCategory.objects.filter(school=school),
        "class_groups": ClassGroup.objects.filter(school=school, academic_year__start_year=start_year)
        .select_related("phase"),
        "class_year_label": dates.academic_year_label(start_year),
        "not_bound": school.school_type in NOT_BOUND_TYPES,
        "can_manage": rules.can_manage_school(request.membership),  # type: ignore[attr-defined]
    }
    return render(request, "schools/setup.html", context)


# ## Editing the set-up (careers leaders only) #####################################################


def _edit_page(request: HttpRequest, *, form: BaseForm, save: Callable[[dict[str, Any]], object],
               title: str, done: str, template: str = "schools/form.html", **extra: Any) -> HttpResponse:
    """Validate the form, call the service, and come back to the set-up page (or show what is wrong)."""
    school = request.school  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("schools:setup", school_slug=school.slug)
    return render(request, template, {"form": form, "title": title, **extra})


def _get(model: type[Any], school: School, pk: int) -> Any:
    """The school's own row, or 404: another school's set-up cannot be discovered."""
    obj = model.objects.filter(school=school, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _pick(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: data[name] for name in names if name in data}


@school_view(rules.can_manage_school)
def school_edit(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    stored = School.objects.get(pk=school.pk)  # the form copies its values onto its instance
    form = SchoolForm(request.POST or None, instance=stored)
    return _edit_page(
        request, form=form, template="schools/school_form.html", title=_("School details and statutory checks"),
        done=_("The school's details are saved."), not_bound_types=NOT_BOUND_TYPES,
        not_bound=stored.school_type in NOT_BOUND_TYPES,
        save=lambda data: services.update_school(school=School.objects.get(pk=school.pk), by=request.user,
                                                 **_pick(data, services.SCHOOL_FIELDS)))


def _destinations(school: School) -> Any:
    return DestinationCategory.objects.filter(school=school)


@school_view(rules.can_manage_school)
def pathway_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    form = PathwayForm(request.POST or None, destinations=_destinations(school))
    return _edit_page(
        request, form=form, title=_("Add a pathway"), done=_("The pathway is added."),
        save=lambda data: services.create_pathway(
            school=school, by=request.user, in_keeping_destinations=data["in_keeping_destinations"],
            **_pick(data, services.PATHWAY_FIELDS)))


@school_view(rules.can_manage_school)
def pathway_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    pathway = _get(Pathway, school, pk)
    form = PathwayForm(request.POST or None, instance=pathway, destinations=_destinations(school))
    return _edit_page(
        request, form=form, title=_("Change the pathway %(name)s") % {"name": pathway.name},
        done=_("The pathway is saved."),
        save=lambda data: services.update_pathway(
            pathway=_get(Pathway, school, pk), by=request.user,
            in_keeping_destinations=data["in_keeping_destinations"], **_pick(data, services.PATHWAY_FIELDS)))


@school_view(rules.can_manage_school)
def phase_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    form = PhaseForm(request.POST or None)
    return _edit_page(
        request, form=form, title=_("Add a phase"), done=_("The phase is added."),
        save=lambda data: services.create_phase(school=school, by=request.user, **_pick(data, services.PHASE_FIELDS)))


@school_view(rules.can_manage_school)
def phase_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    phase = _get(Phase, school, pk)
    form = PhaseForm(request.POST or None, instance=phase)
    return _edit_page(
        request, form=form, title=_("Change the phase %(name)s") % {"name": phase.name},
        done=_("The phase is saved."),
        save=lambda data: services.update_phase(phase=_get(Phase, school, pk), by=request.user,
                                                **_pick(data, services.PHASE_FIELDS)))


def _current_year(request: HttpRequest) -> AcademicYear:
    school = request.school  # type: ignore[attr-defined]
    start_year = academic_year_start_on(school=school, day=timezone.localdate())
    return services.ensure_academic_year(school=school, start_year=start_year)


@school_view(rules.can_manage_school)
def class_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    start_year = academic_year_start_on(school=school, day=timezone.localdate())
    form = ClassGroupForm(request.POST or None, phases=Phase.objects.filter(school=school))
    return _edit_page(
        request, form=form, done=_("The class is added."),
        title=_("Add a class for %(year)s") % {"year": dates.academic_year_label(start_year)},
        save=lambda data: services.create_class_group(school=school, by=request.user,
                                                      academic_year=_current_year(request),
                                                      name=data["name"], phase=data["phase"]))


@school_view(rules.can_manage_school)
def class_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    group = _get(ClassGroup, school, pk)
    form = ClassGroupForm(request.POST or None, instance=group, phases=Phase.objects.filter(school=school))
    return _edit_page(
        request, form=form, title=_("Change the class %(name)s") % {"name": group.name},
        done=_("The class is saved."),
        save=lambda data: services.update_class_group(group=_get(ClassGroup, school, pk), by=request.user,
                                                      name=data["name"], phase=data["phase"]))


@school_view(rules.can_manage_school)
def year_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    # Offer the year after the latest one set up (or this year, for a new school), 1 Sep to 31 Aug.
    latest = AcademicYear.objects.filter(school=school).order_by("-start_year").first()
    start_year = latest.start_year + 1 if latest else dates.academic_year_of(timezone.localdate())
    starts_on, ends_on = dates.academic_year_bounds(start_year)
    form = AcademicYearForm(request.POST or None,
                            initial={"start_year": start_year, "starts_on": starts_on, "ends_on": ends_on})
    return _edit_page(
        request, form=form, title=_("Add an academic year"), done=_("The academic year is added."),
        save=lambda data: services.create_academic_year(school=school, by=request.user, **data))


@school_view(rules.can_manage_school)
def term_create(request: HttpRequest, year_pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    year = _get(AcademicYear, school, year_pk)
    form = TermForm(request.POST or None)
    return _edit_page(
        request, form=form, title=_("Add a term to %(year)s") % {"year": year.label}, done=_("The term is added."),
        save=lambda data: services.create_term(academic_year=year, by=request.user,
                                               **_pick(data, services.TERM_FIELDS)))


@school_view(rules.can_manage_school)
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    term = _get(Term, school, pk)
    form = TermForm(request.POST or None, instance=term)
    return _edit_page(
        request, form=form, title=_("Change the %(term)s term") % {"term": str(term)},
        done=_("The term is saved."),
        save=lambda data: services.update_term(term=_get(Term, school, pk), by=request.user,
                                               **_pick(data, services.TERM_FIELDS)))
