"""The pages agreed actions appear on, in a real browser at phone width: the report's first page ("What we
agreed", "Since last time") and the 'you said, we did' sheet; and both as Markdown."""

from __future__ import annotations

import datetime as _dt

import pytest

from coprotool import actions as act

TODAY = _dt.date.today().isoformat()
LATER = (_dt.date.today() + _dt.timedelta(days=120)).isoformat()
EARLIER = "2026-01-10"
LONG = "Rebuild-the-referral-pathway-with-people-who-use-the-service-so-no-one-waits-alone"  # one unbroken word
ANSWERS = f"""\
service: Riverside Day Service
date: {TODAY}
answers: {{assets.1: 3, assets.2: 2, networks.1: 0, networks.2: 1, blur_roles.1: 1, blur_roles.2: 2}}
notes: {{networks: "People rarely meet each other <b>yet</b>"}}
actions:
  - action: Ask two people who use the service to co-chair the monthly planning meeting
    principle: blur_roles
    owner: service manager
    with: people who use the service
    due: {LATER}
    measure: Both co-chairs attend at least four meetings
  - action: "{LONG} <script>alert(1)</script>"
    principle: networks
    owner: team leader
    due: {LATER}
reviewed:
  - id: abc123
    action: Start a peer support group that meets weekly
    principle: networks
    due: {EARLIER}
    status: in_progress
    note: Two meetings so far
    score_before: 0.0
"""


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "riverside.yaml"
    path.write_text(ANSWERS)
    return path


def _fits(phone, selector: str) -> None:
    """Nothing sideways: the page no wider than the phone, and every item inside it."""
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    rights = phone.evaluate(f"[...document.querySelectorAll('{selector}')].map(e => e.getBoundingClientRect().right)")
    assert rights and all(r <= 390 for r in rights), rights


def test_the_reports_first_page_shows_what_we_agreed_at_phone_width(invoke, answers, tmp_path, page):
    html = tmp_path / "report.html"
    r = invoke("assess", "-a", answers, "--html", html)
    assert r.exit_code == 0, r.output
    phone = page(width=390, height=844)
    phone.goto(html.as_uri())
    first = phone.locator("section.first")
    headings = first.locator("h2").all_inner_texts()
    assert headings[:3] == ["What we agreed", "Since last time", "Next steps"]
    items = first.locator("ol.agreed > li").all_inner_texts()
    assert len(items) == 2 and items[0].startswith("Ask two people who use the service to co-chair")
    assert "Led by service manager, with people who use the service, by " + LATER in items[0]
    assert "<script>" in items[1] and phone.evaluate("typeof window.alert") == "function"  # shown, never run
    since = first.locator("ul.since > li").inner_text()
    assert "Now: in progress. Overdue since 2026-01-10. Two meetings so far" in " ".join(since.split())
    assert "Networks: up 0.5 (0.0 to 0.5)" in since
    _fits(phone, "section.first li, section.first h2")
    assert page.errors == [] and all(u.startswith(("file:", "data:")) for u in page.requests)


def test_the_markdown_report_has_them_too(invoke, answers):
    md = invoke("report", answers, "-f", "markdown").stdout
    agreed = md.index("## What we agreed")
    assert agreed < md.index("## Since last time") < md.index("## Next steps")
    assert "1. **Ask two people who use the service to co-chair the monthly planning meeting**" in md
    assert "&lt;script&gt;" in md and "<script>" not in md


def test_feedback_page_is_readable_on_a_phone(invoke, answers, tmp_path, page):
    assert invoke("assess", "-a", answers).exit_code == 0  # keeps its actions in the register
    done = next(a for a in act.for_service("Riverside Day Service") if a.principle == "blur_roles")
    act.update_action(done.id, "in_progress", "First co-chair found")
    out = tmp_path / "you-said.html"
    r = invoke("feedback", answers, "-o", out)
    assert r.exit_code == 0, r.output
    phone = page(width=390, height=844)
    phone.goto(out.as_uri())
    text = " ".join(phone.inner_text("main").split())
    assert phone.locator("h2").all_inner_texts() == ["You said", "We agreed, and since then", "Next review"]
    assert "It needs most work on" in text and "Networks: People rarely meet each other <b>yet</b>" in text
    assert "Now: in progress (checked " + TODAY + "). First co-chair found" in text
    assert f"We will look at this again by {LATER}" in text
    _fits(phone, "li, p, h1, h2")
    size = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 16  # readable without zooming
    assert page.errors == []


def test_feedback_from_a_kept_result_and_as_markdown(invoke, answers, tmp_path):
    from coprotool.results import keep

    assert invoke("assess", "-a", answers, "--save", tmp_path / "kept.yaml").exit_code == 0
    keep((tmp_path / "kept.yaml").read_text(), "Riverside Day Service", TODAY)  # as a finished workshop keeps it
    r = invoke("feedback", "riverside day service", "-f", "markdown", "--next", LATER)
    assert r.exit_code == 0 and "## You said" in r.stdout and f"by {LATER}, and tell you" in r.stdout
    r = invoke("feedback", answers, "--next", "2020-01-01")
    assert r.exit_code == 2 and "is already past" in r.stderr
    r = invoke("feedback", "No Such Service")
    assert r.exit_code == 1 and "there is no kept result for 'No Such Service'" in r.stderr
