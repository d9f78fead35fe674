from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CAREERS_LEADER = "careers_leader", _("Careers leader")
    STAFF = "staff", _("Class staff")
    ADVISER = "adviser", _("Careers adviser")
    LEADER = "leader", _("Senior leader or governor")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    UNKNOWN = "U", _("Not known")


class SenProvision(models.TextChoices):
    EHC_PLAN = "E", _("EHC plan")
    SEN_SUPPORT = "K", _("SEN support")
    NONE = "N", _("No special educational need")


class NeedType(models.TextChoices):
    SPLD = "SPLD", _("Specific learning difficulty")
    MLD = "MLD", _("Moderate learning difficulty")
    SLD = "SLD", _("Severe learning difficulty")
    PMLD = "PMLD", _("Profound and multiple learning difficulty")
    SEMH = "SEMH", _("Social, emotional and mental health")
    SLCN = "SLCN", _("Speech, language and communication needs")
    ASD = "ASD", _("Autistic spectrum disorder")
    HI = "HI", _("Hearing impairment")
    VI = "VI", _("Vision impairment")
    MSI = "MSI", _("Multi-sensory impairment")
    PD = "PD", _("Physical disability")
    OTH = "OTH", _("Other difficulty or disability")
    NSA = "NSA", _("SEN support but no specialist assessment")
