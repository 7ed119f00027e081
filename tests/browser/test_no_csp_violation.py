"""Under the Content-Security-Policy, the child page and the contact card show no violation in the
browser's console, and the print button (now driven by static/js/shouwang.js) still prints."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_child_page_and_contact_card_run_without_csp_violations(page: Page, live_server, world, log_in):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    # Playwright's init scripts are not subject to the page's policy: count the calls to print.
    page.add_init_script("window.printed = 0; window.print = () => { window.printed += 1; };")

    log_in("head1")
    page.goto(live_server.url + reverse("children:detail", kwargs={"pk": world.child_1.pk}))
    expect(page.get_by_role("heading", name="张思琪")).to_be_visible()
    page.wait_for_load_state("networkidle")

    page.goto(live_server.url + reverse("guardians:contact_card", kwargs={"pk": world.child_1.pk}))
    expect(page.get_by_test_id("contact-card")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # The card's own stylesheet is applied (it was an inline <style> the policy would block).
    assert page.get_by_test_id("contact-card").evaluate("card => getComputedStyle(card).borderTopStyle") == "dashed"
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") == 1
    # Printed, a card is an A6 sheet's height: 148.5 mm at 96 dpi.
    page.emulate_media(media="print")
    height = page.get_by_test_id("contact-card").evaluate("card => card.getBoundingClientRect().height")
    assert abs(height - 148.5 / 25.4 * 96) < 1

    assert violations == []

    # The listener does hear the browser: an inline style added now is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert violations != []


def test_confirm_and_autosubmit_work_from_the_static_script(page: Page, live_server, world, log_in):
    from organisation.models import Semester
    from pairing.models import CareNorm
    from tests.factories import SemesterFactory

    earlier = SemesterFactory(
        school=world.school,
        school_year=world.semester.school_year - 1,
        term=Semester.Term.SPRING,
        start_date=world.semester.start_date.replace(year=world.semester.start_date.year - 1, month=2, day=20),
        end_date=world.semester.start_date.replace(year=world.semester.start_date.year - 1, month=7, day=5),
        is_current=False,
    )
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    log_in("principal1")

    # Changing the semester submits the filter form (data-autosubmit).
    page.goto(live_server.url + reverse("activities:assistance_list"))
    with page.expect_navigation():
        page.get_by_label("学期").select_option(str(earlier.pk))
    assert f"semester={earlier.pk}" in page.url

    # "Restore the defaults" asks first (data-confirm): dismissed, nothing happens; accepted, it posts.
    page.goto(live_server.url + reverse("pairing:norm_list"))
    norm_ids = set(CareNorm.objects.filter(school=world.school).values_list("pk", flat=True))
    questions: list[str] = []

    def answer(dialog, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_role("button", name="恢复默认").click()
    page.wait_for_timeout(300)
    assert len(questions) == 1
    assert set(CareNorm.objects.filter(school=world.school).values_list("pk", flat=True)) == norm_ids

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.get_by_role("button", name="恢复默认").click()
    assert len(questions) == 2
    restored = set(CareNorm.objects.filter(school=world.school).values_list("pk", flat=True))
    assert restored and not restored & norm_ids
    assert violations == []
