"""The shapes the API reads and writes. Field names follow the models; ids are opaque numbers."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from roadahead.core.dates import NC_YEAR_CODES
from roadahead.people.enums import NeedType, Role, SenProvision, Sex
from roadahead.providers.enums import ProviderKind, SendConfidence

NcYear = Literal[NC_YEAR_CODES]  # type: ignore[valid-type]


class Message(Schema):
    detail: str


class FieldProblem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationProblems(Schema):
    detail: list[FieldProblem]


class Named(Schema):
    id: int
    name: str


# ## ME ###########################################################################################
class UserOut(Schema):
    id: int
    name: str
    email: str


class SchoolOut(Schema):
    slug: str
    name: str


class MeOut(Schema):
    user: UserOut
    school: SchoolOut
    role: Role
    token_name: str
    read_only: bool


# ## PUPILS #######################################################################################
class EnrolmentOut(Schema):
    academic_year: str = Field(description="The academic year, such as 2025/26.")
    nc_year: NcYear
    class_group: Named | None = Field(alias="class")
    pathway: Named | None


class PupilOut(Schema):
    id: int
    upn: str
    legal_forename: str
    legal_surname: str
    preferred_forename: str
    preferred_surname: str
    date_of_birth: dt.date
    sex: Sex
    sen_provision: SenProvision
    needs: list[NeedType] = Field(description="Types of need, primary need first.")
    looked_after: bool
    ehcp_last_review: dt.date | None
    ehcp_next_review: dt.date | None
    communication_notes: str
    date_joined: dt.date | None
    date_left: dt.date | None
    current_enrolment: EnrolmentOut | None = Field(
        description="NC year, class and pathway this academic year, if recorded.")
    version: int = Field(description="Send it back with a change so that nobody else's edit is overwritten.")


class PupilPage(Schema):
    count: int = Field(description="How many pupils match, on all pages.")
    page: int
    page_size: int
    next_page: int | None
    items: list[PupilOut]


class PupilQuery(Schema):
    year: NcYear | None = Field(None, description="NC year this academic year, such as 10 or R.")
    class_id: int | None = Field(None, alias="class", description="Class id this academic year.")
    pathway: int | None = Field(None, description="Pathway id this academic year.")
    need: NeedType | None = None
    looked_after: bool | None = None
    status: Literal["on_roll", "left", "all"] = "on_roll"
    search: str = Field("", max_length=100, description="Words from the pupil's name, or a whole UPN.")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class PupilCreate(Schema):
    upn: str = Field(max_length=20, description="Unique pupil number: a letter and 12 digits.")
    legal_forename: str = Field(min_length=1, max_length=100)
    legal_surname: str = Field(min_length=1, max_length=100)
    preferred_forename: str = Field("", max_length=100)
    preferred_surname: str = Field("", max_length=100)
    date_of_birth: dt.date
    sex: Sex = Sex.UNKNOWN
    sen_provision: SenProvision = SenProvision.EHC_PLAN
    needs: list[NeedType] = Field(default_factory=list, max_length=len(NeedType.values),
                                  description="Types of need, primary need first.")
    looked_after: bool = False
    ehcp_last_review: dt.date | None = None
    ehcp_next_review: dt.date | None = None
    communication_notes: str = Field("", max_length=5000)
    date_joined: dt.date | None = None
    date_left: dt.date | None = None
    nc_year: NcYear | None = Field(None, description="NC year this academic year.")
    class_id: int | None = Field(None, description="Class id this academic year.")
    pathway_id: int | None = Field(None, description="Pathway id this academic year.")


class PupilPatch(Schema):
    """Only the fields sent are changed. A field that may be empty is cleared by sending null."""

    # Defaults are not validated, so leaving a field out is allowed while sending null for a
    # field that must have a value is refused with a 422.
    upn: str = Field(None, max_length=20)
    legal_forename: str = Field(None, min_length=1, max_length=100)
    legal_surname: str = Field(None, min_length=1, max_length=100)
    preferred_forename: str = Field(None, max_length=100)
    preferred_surname: str = Field(None, max_length=100)
    date_of_birth: dt.date = None  # type: ignore[assignment]
    sex: Sex = None  # type: ignore[assignment]
    sen_provision: SenProvision = None  # type: ignore[assignment]
    needs: list[NeedType] = Field(None, max_length=len(NeedType.values))
    looked_after: bool = None  # type: ignore[assignment]
    ehcp_last_review: dt.date | None = None
    ehcp_next_review: dt.date | None = None
    communication_notes: str = Field(None, max_length=5000)
    date_joined: dt.date | None = None
    date_left: dt.date | None = None
    nc_year: NcYear = None  # type: ignore[assignment]
    class_id: int | None = None
    pathway_id: int | None = None
    version: int | None = Field(None, description="The version you read. If the pupil has changed since, "
                                                  "nothing is saved and the answer is 409.")


# ## PROVIDERS ####################################################################################
class ProviderOut(Schema):
    id: int
    name: str
    kind: ProviderKind
    offers: str
    contact_name: str
    contact_email: str
    contact_phone: str
    website: str
    address: str
    town: str
    postcode: str
    hosts_send_placements: bool
    send_adjustments: str
    send_confidence: SendConfidence
    notes: str
    is_active: bool
    version: int


class ProviderPage(Schema):
    count: int
    page: int
    page_size: int
    next_page: int | None
    items: list[ProviderOut]


class ProviderQuery(Schema):
    search: str = Field("", max_length=100)
    kind: ProviderKind | None = None
    hosts_send_placements: bool | None = None
    is_active: bool | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class ProviderCreate(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: ProviderKind
    offers: str = Field("", max_length=5000)
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)
    website: str = Field("", max_length=200)
    address: str = Field("", max_length=1000)
    town: str = Field("", max_length=100)
    postcode: str = Field("", max_length=10)
    hosts_send_placements: bool = False
    send_adjustments: str = Field("", max_length=5000)
    send_confidence: SendConfidence = SendConfidence.UNKNOWN
    notes: str = Field("", max_length=5000)
    is_active: bool = True


class ProviderPatch(Schema):
    """Only the fields sent are changed."""

    name: str = Field(None, min_length=1, max_length=200)
    kind: ProviderKind = None  # type: ignore[assignment]
    offers: str = Field(None, max_length=5000)
    contact_name: str = Field(None, max_length=200)
    contact_email: str = Field(None, max_length=254)
    contact_phone: str = Field(None, max_length=40)
    website: str = Field(None, max_length=200)
    address: str = Field(None, max_length=1000)
    town: str = Field(None, max_length=100)
    postcode: str = Field(None, max_length=10)
    hosts_send_placements: bool = None  # type: ignore[assignment]
    send_adjustments: str = Field(None, max_length=5000)
    send_confidence: SendConfidence = None  # type: ignore[assignment]
    notes: str = Field(None, max_length=5000)
    is_active: bool = None  # type: ignore[assignment]
    version: int | None = None
