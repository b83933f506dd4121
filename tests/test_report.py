"""Reports, progress over time, group voting and next steps."""

from __future__ import annotations

import http.server
import json
import re
import threading
from typing import ClassVar

import pytest
import yaml

from coprotool.assessment import agreed
from coprotool.session import GridStep, NoteStep, Step


def kind(step: Step) -> str:
    if isinstance(step, GridStep):
        return step.role
    return "note" if isinstance(step, NoteStep) else "question"


EVIL = 'Riverside <script>alert(1)</script> & "Sons"'


def save_result(invoke, tmp_path, name, value, service=EVIL, date=None, extra=()):
    from coprotool.catalogue import Catalogue
    from coprotool.session import steps_for

    steps = steps_for(Catalogue().framework)
    typed = [{"question": value, "note": "we <b>asked</b> people", "plan": "2", "deliver": "2"}[kind(s)] for s in steps]
    path = tmp_path / name
    result = invoke("assess", "--service", service, "--save", path, *extra, input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    if date:
        data = yaml.safe_load(path.read_text())
        data["date"] = date
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_report_html_is_self_contained_escaped_and_complete(invoke, tmp_path):
    saved = save_result(invoke, tmp_path, "r.yaml", "1")
    out = tmp_path / "report.html"
    result = invoke("report", saved, "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<script" not in html.lower()  # no scripts at all, and the user's one is escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;" in html
    assert "we &lt;b&gt;asked&lt;/b&gt; people" in html
    for external in ('src="http', 'href="http', "@import", "url(http"):
        assert external not in html
    for section in (
        "Appendix",
        "The six principles",
        "Depth (our rule, from your scores):",
        "Plan and deliver",
        "The group's notes",
        "Next steps",
        "Case studies to learn from",
        "Questions and answers",
        "<svg",
        "aria-labelledby",
        "@media print",
        "@page",
    ):
        assert section in html, section
    assert html.count("<tr>") == 1 + 22  # the questions and answers
    assert html.count('<article class="principle">') == 6


def test_report_markdown(invoke, tmp_path):
    saved = save_result(invoke, tmp_path, "r.yaml", "2")
    md = invoke("report", saved, "--format", "markdown").stdout
    assert md.startswith("# Co-production assessment: Riverside &lt;script&gt;")
    assert "| Principle | Level | Score | Answered |" in md and "## Questions and answers" in md
    assert "Next step:" in md


def test_assess_html_at_the_end_of_a_run(invoke, tmp_path):
    save_result(invoke, tmp_path, "r.yaml", "3", extra=("--html", tmp_path / "now.html"))
    assert "Depth (our rule, from your scores): Transformative" in (tmp_path / "now.html").read_text()


def test_next_steps_name_their_case_study_everywhere(invoke, tmp_path, cat):
    saved = save_result(invoke, tmp_path, "r.yaml", "1")
    data = yaml.safe_load(saved.read_text())
    steps = data["next_steps"]
    assert steps and all(s["principle"] in data["weakest"] for s in steps)
    for s in steps:
        c = cat.case_study(s["case_study"])
        assert s["text"] in c.practices[s["principle"]]
        assert c.ratings[s["principle"]].score >= 2
    per = {}
    for s in steps:
        per[s["principle"]] = per.get(s["principle"], 0) + 1
    assert all(1 <= n <= 3 for n in per.values())
    text = invoke("assess", "--answers", saved).stdout
    flat = " ".join(text.split())
    example = f"as {steps[0]['name']} does"  # the case study named as an example, with whom it works if known
    assert "Next steps:" in flat and f"{' '.join(steps[0]['text'].split())} ({example}" in flat
    assert steps[0]["example"].startswith(example)


def test_compare_orders_by_date_and_reports_changes(invoke, tmp_path):
    old = save_result(invoke, tmp_path, "old.yaml", "1", date="2026-01-10")
    new = save_result(invoke, tmp_path, "new.yaml", "3", date="2026-07-10")
    data = json.loads(invoke("compare", new, old, "-f", "json").stdout)  # given out of order
    assert [r["date"] for r in data["results"]] == ["2026-01-10", "2026-07-10"]
    assert data["changes"]["assets"] == {"before": 1.0, "after": 3.0, "delta": 2.0}
    assert data["depth"] == {"before": "descriptive", "after": "transformative"}
    text = invoke("compare", old, new).stdout
    assert "up 2.0" in text and "Descriptive then Transformative" in text


def test_compare_refuses_different_services_without_force(invoke, tmp_path):
    a = save_result(invoke, tmp_path, "a.yaml", "1", service="North Team")
    b = save_result(invoke, tmp_path, "b.yaml", "2", service="South Team")
    refused = invoke("compare", a, b)
    assert refused.exit_code == 1 and "different services" in refused.stderr and "--any-service" in refused.stderr
    forced = invoke("compare", a, b, "--any-service")
    assert forced.exit_code == 0 and "warning: comparing different services" in forced.stderr
    assert invoke("compare", a).exit_code == 2


@pytest.mark.parametrize(
    ("votes", "value"), [([2, 3, 3, 1], 3), ([1, 2], 2), ([0, 1], 1), ([3], 3), ([0, 0, 3], 0), ([1, 2, 2, 1], 2)]
)
def test_agreed_value_is_the_median_halves_up(votes, value):
    assert agreed(votes) == value


def test_group_voting_run(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    typed = ["Room", "", "2 3 3 1", "", "0 3", "b", "1,1", "2", "3 3", "1"] + ["2", ""] * 60
    result = invoke("assess", "--group", "-f", "json", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["votes"]["assets.1"] == [2, 3, 3, 1] and data["answers"]["assets.1"] == 3  # Enter: median
    assert data["votes"]["assets.2"] == [1, 1] and data["answers"]["assets.2"] == 2
    assert data["answers"]["assets.3"] == 1 and data["group"] is True
    assert [d["question"] for d in data["disagreements"]] == ["assets.1"]
    assert "the room disagrees" in result.stderr and "Enter takes the median, 3" in result.stderr


def test_answers_file_may_carry_votes(invoke, tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(
        yaml.safe_dump({"votes": {"assets.1": [0, 3, 3], "networks.1": ["Fully", 2]}, "answers": {"networks.1": 0}})
    )
    data = json.loads(invoke("assess", "--answers", path, "-f", "json").stdout)
    assert data["answers"]["assets.1"] == 3  # from the votes' median
    assert data["answers"]["networks.1"] == 0  # an explicit answer wins
    assert data["disagreements"][0]["question"] == "assets.1"
    report = invoke("assess", "--answers", path).stdout
    assert "Where the room disagreed" in report and "Assets, question 1 (votes 0 3 3; agreed 3)" in report
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"votes": {"assets.1": [0, 9]}}))
    refused = invoke("assess", "--answers", bad)
    assert refused.exit_code == 1 and "field 'votes.assets.1'" in refused.stderr


# -- the report in a real browser --------------------------------------------------------------------
class _Logger(http.server.SimpleHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        _Logger.seen.append(self.path)
        super().do_GET()


def test_report_renders_in_headless_chromium(invoke, tmp_path, page):
    saved = save_result(invoke, tmp_path, "r.yaml", "2")
    site = tmp_path / "site"
    site.mkdir()
    invoke("report", saved, "-o", site / "report.html")
    _Logger.seen = []
    handler = lambda *a, **k: _Logger(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/report.html"
    shot = tmp_path / "report.png"
    try:
        view = page(width=1240, height=1754)  # the session's Chromium, a fresh context: no second browser start
        view.goto(url, wait_until="load")
        dom = view.content()
        view.screenshot(path=str(shot))
    finally:
        server.shutdown()
        server.server_close()
    assert "<svg" in dom and "Questions and answers" in dom
    assert len(re.findall(r"<path", dom)) >= 6  # the wedge was drawn
    assert page.errors == []  # no uncaught script error, nothing logged as an error (a CSP refusal included)
    assert set(_Logger.seen) == {"/report.html"}  # the page asked the network for nothing else
    assert page.requests == [url]
    assert shot.exists() and shot.stat().st_size > 20_000


def test_report_and_result_say_the_case_study_ratings_are_our_reading(invoke, tmp_path):
    saved = save_result(invoke, tmp_path, "r.yaml", "1")
    sentence = "The 0-3 ratings of each case study are coprotool's reading of the catalogue's text"
    html = invoke("report", saved, "-f", "html").stdout
    assert sentence in " ".join(html.split()).replace("&#x27;", "'").replace("&#39;", "'")
    assert "hints are coprotool's own wording" in html.replace("&#x27;", "'").replace("&#39;", "'")
    md = invoke("report", saved, "--format", "markdown").stdout
    assert sentence in " ".join(md.split())
    text = invoke("assess", "--answers", saved).stdout
    assert sentence in " ".join(text.split())
