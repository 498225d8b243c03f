from django.db import models
from django.utils.translation import gettext_lazy as _


class Wijk(models.Model):
    """A neighbourhood a team works in. Data, managed by the functional administrator."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    postcode_areas = models.CharField(
        _("postcode areas"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated 4-digit postcode areas that belong to this wijk, e.g. 3511,3512."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self):
        return self.name

    def postcode_area_list(self) -> list[str]:
        return [p.strip() for p in self.postcode_areas.split(",") if p.strip()]


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    wijken = models.ManyToManyField(Wijk, related_name="teams", verbose_name=_("wijken"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name
