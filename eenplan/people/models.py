from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_bsn, validate_postcode


class Address(models.Model):
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[validate_postcode])
    city = models.CharField(_("city"), max_length=80, blank=True)

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        number = f"{self.house_number or ''}{('-' + self.house_number_addition) if self.house_number_addition else ''}"
        return " ".join(part for part in [self.street, number] if part)

    @property
    def address_display(self) -> str:
        return ", ".join(part for part in [self.address_line, f"{self.postcode} {self.city}".strip()] if part)


class Person(Address):
    """An inwoner. Names follow Dutch name parts so lists sort on the achternaam."""

    given_names = models.CharField(_("given names (voornamen)"), max_length=120)
    preferred_name = models.CharField(_("called (roepnaam)"), max_length=60, blank=True)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("surname (achternaam)"), max_length=120, db_index=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, validators=[validate_bsn], db_index=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when this record turned out to be a second record of another person (people.merging): it keeps
    # its own details as history, everything that referred to it now refers to `merged_into`; hidden from
    # search and matching. Erasing the kept record erases this one too (it is the same person).
    merged_into = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="merged_records",
                                    verbose_name=_("merged into"))

    class Meta:
        ordering = ["surname", "given_names"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["bsn"], condition=~models.Q(bsn=""), name="unique_bsn_when_given",
                violation_error_message=_("This BSN is already registered."),
            )
        ]
        indexes = [models.Index(fields=["postcode", "house_number"])]

    def __str__(self):
        return self.full_name

    @property
    def first_name(self) -> str:
        return self.preferred_name or self.given_names.split(" ")[0]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.first_name, self.surname_prefix, self.surname] if p)

    @property
    def sort_name(self) -> str:
        prefix = f", {self.surname_prefix}" if self.surname_prefix else ""
        return f"{self.surname}{prefix}, {self.first_name}"


class Household(Address):
    name = models.CharField(_("name"), max_length=150, help_text=_("How the team refers to the household, e.g. Gezin Jansen."))
    wijk = models.ForeignKey("organisation.Wijk", on_delete=models.PROTECT, related_name="households", verbose_name=_("wijk"))
    created_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="merged_records",
                                    verbose_name=_("merged into"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["postcode", "house_number"])]

    def __str__(self):
        return self.name


class AddressChange(models.TextChoices):
    MOVED = "verhuizing", _("moved")
    CORRECTED = "correctie", _("corrected")


class HouseholdAddress(models.Model):
    """Append-only history of a household's address. The household's own fields hold the
    current address; moving adds a row and closes the previous one (its `until`), nothing is
    overwritten. Households registered before this history existed get their first row when
    they first move (`services.household_move`)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="addresses")
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    change = models.CharField(_("change"), max_length=12, choices=AddressChange.choices, blank=True)
    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("address of a household")
        verbose_name_plural = _("addresses of a household")

    def save(self, *args, **kwargs):
        if self.pk is not None and list(kwargs.get("update_fields") or []) != ["until"]:
            raise ValidationError("The address history is append-only: only a row's end date is set, once.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The address history is append-only.")

    address_line = Address.address_line
    address_display = Address.address_display


class MemberRole(models.TextChoices):
    PARENT = "ouder", _("parent")
    CHILD = "kind", _("child")
    PARTNER = "partner", _("partner")
    OTHER = "overig", _("other")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household_memberships")
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["role", "person__birth_date"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [models.UniqueConstraint(fields=["household", "person"], name="unique_household_person")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        return self.until is None or self.until >= timezone.localdate()


class MergeKind(models.TextChoices):
    PERSON = "persoon", _("person")
    HOUSEHOLD = "huishouden", _("household")


class Merge(models.Model):
    """Two records of one person (or one household) made one (`people.merging`), kept as data so it can be undone.

    `moved` lists, per reference ("app.Model.field"), the ids of the rows that were moved from the merged record to
    the kept one; `stayed` the rows left on the merged record because the kept record already had the same (a
    membership of the same household). `taken_over`: details taken over by the kept record ({"bsn": "…"}). Undo moves
    exactly the `moved` rows back. The merge's record goes when either record is erased (AVG), the access log keeps
    the fact."""

    kind = models.CharField(_("kind"), max_length=12, choices=MergeKind.choices)
    kept_person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="merges_kept")
    merged_person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="merges_merged")
    kept_household = models.ForeignKey(Household, on_delete=models.CASCADE, null=True, blank=True, related_name="merges_kept")
    merged_household = models.ForeignKey(Household, on_delete=models.CASCADE, null=True, blank=True,
                                         related_name="merges_merged")
    reason = models.TextField(_("reason"))
    evidence = models.JSONField(_("matched on"), default=list, blank=True)
    moved = models.JSONField(default=dict)
    stayed = models.JSONField(default=dict, blank=True)
    taken_over = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("merged at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("merged by"))
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("undone by"))
    undo_reason = models.TextField(_("why undone"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self):
        return f"{self.kind} {self.merged_id} → {self.kept_id}"

    @property
    def kept(self):
        return self.kept_person if self.kind == MergeKind.PERSON else self.kept_household

    @property
    def merged(self):
        return self.merged_person if self.kind == MergeKind.PERSON else self.merged_household

    @property
    def kept_id(self):
        return self.kept_person_id if self.kind == MergeKind.PERSON else self.kept_household_id

    @property
    def merged_id(self):
        return self.merged_person_id if self.kind == MergeKind.PERSON else self.merged_household_id
