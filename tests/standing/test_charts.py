"""The SVG chart builder: well-formed, named for assistive technology, and saying what it shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml.ElementTree import fromstring

from roadahead.standing.charts import Bar, Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    # defusedxml parses into xml.etree elements, refusing entity tricks.
    return fromstring(str(markup))


def test_bar_chart_is_well_formed_and_labelled():
    svg = parse(bar_chart(id_prefix="c", title="Coverage", desc="Four pupils", bars=[
        Bar(label="Benchmark 1", value=0.5, text="50% (2 of 4)"),
        Bar(label="Benchmark 2", value=0, text="0% (0 of 4)")]))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find(f"{SVG}title").get("id") == "c-title"
    assert svg.find(f"{SVG}title").text == "Coverage"
    assert svg.find(f"{SVG}desc").text == "Four pupils"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Benchmark 1" in texts
    assert "50% (2 of 4)" in texts
    assert "0% (0 of 4)" in texts


def test_bar_lengths_follow_the_shares():
    svg = parse(bar_chart(id_prefix="c", title="t", desc="d", label_width=100, width=500, bars=[
        Bar(label="a", value=1.0, text="all"), Bar(label="b", value=0.25, text="a quarter"),
        Bar(label="c", value=1.7, text="capped")]))
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    # The plot is 500 - 100 (labels) - 150 (values) = 250 wide.
    assert widths == [250.0, 62.5, 250.0]


def test_bar_chart_escapes_text():
    markup = bar_chart(id_prefix="c", title="A & B <script>", desc="d",
                       bars=[Bar(label="<b>x</b>", value=0.1, text="1")])
    svg = parse(markup)
    assert svg.find(f"{SVG}title").text == "A & B <script>"
    assert "<script>" not in str(markup)


def test_line_chart_draws_a_marker_per_point_and_breaks_at_gaps():
    svg = parse(line_chart(id_prefix="t", title="Trend", desc="d", categories=["Aut", "Spr", "Sum", "Aut 2"],
                           series=[Series(name="Benchmark 5", points=[0.2, 0.4, None, 1.0])]))
    assert svg.get("aria-labelledby") == "t-title t-desc"
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 1  # the first two points; the last stands alone after the gap
    assert len(lines[0].get("points").split()) == 2
    assert len(list(svg.iter(f"{SVG}circle"))) == 3
    assert [t.text for t in svg.iter(f"{SVG}text")][-4:] == ["Aut", "Spr", "Sum", "Aut 2"]


def test_line_chart_with_several_series_has_a_legend_with_shapes():
    svg = parse(line_chart(id_prefix="t", title="Trend", desc="d", categories=["A", "B"], series=[
        Series(name="Benchmark 1", points=[0.1, 0.2]), Series(name="Benchmark 2", points=[0.3, 0.4])]))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Benchmark 1" in texts
    assert "Benchmark 2" in texts
    # Colour is not the only difference: circles for the first line, squares for the second.
    assert len(list(svg.iter(f"{SVG}circle"))) == 3
    assert len(list(svg.iter(f"{SVG}rect"))) == 3
    assert any(p.get("stroke-dasharray") for p in svg.iter(f"{SVG}polyline"))
