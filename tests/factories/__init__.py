"""Plain factories for Road Ahead's models. Each makes a valid object and nothing surprising."""

from __future__ import annotations

import datetime as dt

import factory

from roadahead.people.enums import Role, SenProvision, Sex
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil, PupilNeed, User
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from roadahead.schools.models import AcademicYear, ClassGroup, DestinationCategory, Pathway, Phase, School


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test Special School {n}")
    slug = factory.Sequence(lambda n: f"test-school-{n}")


class AcademicYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ("school", "start_year")

    school = factory.SubFactory(SchoolFactory)
    start_year = 2025
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.start_year, 9, 1))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.start_year + 1, 8, 31))


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Phase {n}")
    first_year = "7"
    last_year = "9"


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Pathway {n}")
    order = factory.Sequence(lambda n: n)
    vision = "I take part in my community with the support I need."


class DestinationCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DestinationCategory

    school = factory.SubFactory(SchoolFactory)
    code = factory.Sequence(lambda n: f"destination-{n}")
    name = factory.Sequence(lambda n: f"Destination {n}")
    nccis_code = "230"


class ClassGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassGroup

    school = factory.SubFactory(SchoolFactory)
    academic_year = factory.SubFactory(AcademicYearFactory, school=factory.SelfAttribute("..school"))
    name = factory.Sequence(lambda n: f"Class {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    school = factory.SubFactory(SchoolFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.CAREERS_LEADER


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    upn = factory.Sequence(lambda n: f"A{n:012d}")
    legal_forename = factory.Sequence(lambda n: f"Forename{n}")
    legal_surname = factory.Sequence(lambda n: f"Surname{n}")
    date_of_birth = dt.date(2010, 10, 1)
    sex = Sex.FEMALE
    sen_provision = SenProvision.EHC_PLAN


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    academic_year = factory.SubFactory(AcademicYearFactory, school=factory.SelfAttribute("..school"))
    nc_year = "10"


class PupilNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PupilNeed

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    need = "SLD"
    rank = 1


class AdviserAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviserAssignment

    adviser = factory.SubFactory(MembershipFactory, role=Role.ADVISER)
    school = factory.SelfAttribute("adviser.school")
    pupil = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..school"))


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Provider {n}")
    kind = ProviderKind.EMPLOYER
