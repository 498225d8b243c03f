"""Playwright with Debian's Chromium, and axe-core for WCAG 2.1 AA."""

from axe_playwright_python.sync_playwright import Axe

from eenplan.accounts.services import current_code

from .auth import verified_device

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery staple"

_axe = Axe()


def axe_violations(page) -> list[dict]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return results.response["violations"]


def assert_accessible(page):
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    ]
    assert not violations, f"axe-core WCAG 2.1 AA violations on {page.url}:\n" + "\n".join(summary)


def log_in(page, base_url: str, user, password: str = PASSWORD, *, here: bool = False):
    """Through the real pages: password, then the TOTP code from the user's device. `here`: on the login page the
    browser is on now (it carries where to go next), as after an ended session."""
    device = verified_device(user)
    if here:
        device.throttle_reset()
        type(device).objects.filter(pk=device.pk).update(last_t=-1)  # the same 30-second code may be used again
    else:
        page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def log_in_with_digid(page, base_url: str, bsn: str):
    """Mijn plan through the library's mock DigiD: choose "Met burgerservicenummer", type the BSN, log in;
    on a phone-size viewport (390 px), as residents mostly are."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}/mijn-plan/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_text("Met burgerservicenummer.").click()
    page.locator("input[name=auth_bsn]").fill(bsn)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base_url}/mijn-plan/")
