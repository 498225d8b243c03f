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
