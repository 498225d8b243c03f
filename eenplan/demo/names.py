"""Synthetic Dutch-looking names and streets. Any resemblance to real people is chance."""

SURNAMES = [
    ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"), ("", "Janssen"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"),
    ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"),
    ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("de", "Jong"), ("", "Schouten"), ("", "Willems"),
    ("", "Yilmaz"), ("", "El Amrani"), ("", "Kaya"), ("", "Bouzid"), ("", "Nguyen"), ("", "Pinas"),
    ("", "Özdemir"), ("", "Ramdin"), ("", "Haddou"), ("", "Kramer"), ("", "Postma"), ("", "Hoekstra"),
]
# A city's long tail: surnames built from Dutch-sounding parts, some with a prefix. In the Netherlands the 50 most
# common surnames are about a tenth of the population; with only the list above, a G4 city had 22,000 persons per
# surname and every name search was a worst case (docs/benchmarks.md).
_ROOTS = ["Ber", "Dal", "Hol", "Kor", "Mee", "Ros", "Ter", "Wes", "Zand", "Bro", "Ham", "Lin", "Ver", "Stee", "Hoog",
          "Laar", "Brink", "Kamp", "Veld", "Wout", "Gro", "Harm", "Lub", "Noord", "Oost", "Ruit", "Sloo", "Tim", "Vel",
          "Wil", "Eek", "Fok", "Gel", "Hut", "Jel", "Kui", "Lam", "Mol", "Nij", "Pol"]
_ENDS = ["man", "ink", "huis", "sma", "stra", "ing", "er", "hof", "kamp", "veld", "beek", "dijk", "broek", "horst",
         "ema", "ens", "ers", "boom", "land", "weg"]
_PREFIXES = ["", "", "", "", "van", "de", "van de", "ter"]
CITY_SURNAMES = [(_PREFIXES[(i * 7 + j) % len(_PREFIXES)], root + end)
                 for i, root in enumerate(_ROOTS) for j, end in enumerate(_ENDS)]
COMMON_SHARE = 0.12  # of a city's households carry one of SURNAMES


def city_surname(rng) -> tuple[str, str]:
    """(prefix, surname) for a generated city: one of the common names about one time in eight, else the tail."""
    return rng.choice(SURNAMES) if rng.random() < COMMON_SHARE else rng.choice(CITY_SURNAMES)


GIVEN_ADULT = [
    "Anouk", "Sanne", "Linda", "Marieke", "Fatima", "Naima", "Esra", "Priya", "Monique", "Ingrid", "Yvonne",
    "Mark", "Dennis", "Mohamed", "Youssef", "Mehmet", "Rob", "Kees", "Henk", "Ricardo", "Stefan", "Erik",
    "Jolanda", "Petra", "Wilma", "Gerda", "Ahmed", "Hasan", "Sandra", "Patrick", "Bianca", "Ronald",
]
GIVEN_CHILD = [
    "Emma", "Julia", "Mila", "Noah", "Sem", "Liam", "Lucas", "Tess", "Sara", "Yara", "Adam", "Amir",
    "Fenna", "Daan", "Lotte", "Finn", "Zoë", "Ilyas", "Nora", "Levi", "Saar", "Mees", "Jayden", "Aya",
]
STREETS = [
    "Lindelaan", "Kastanjestraat", "Molenweg", "Beukenhof", "Kerkstraat", "Dorpsstraat", "Schoolstraat",
    "Populierenlaan", "Stationsweg", "Eikenlaan", "Wilgenhof", "Vlierstraat", "Merelstraat", "Lijsterbeslaan",
    "Havenkade", "Sluisweg", "Dijkstraat", "Zonnebloemstraat", "Tulpstraat", "Rozenlaan", "Marktplein",
]
