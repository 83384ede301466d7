"""Charts: SPC control limits, generated alt text, the image cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import build, read_year
from reportgen.compute import figures
from reportgen.compute.charts import chart_data, chart_view, describe
from reportgen.model.assessment import Chart
from reportgen.render.charts import ChartPicture, draw_charts, picture_key
from reportgen.types import ComputedTable
from reportgen.write.pictures import PictureFolder

MONTHS = [
    310,
    298,
    325,
    341,
    333,
    305,
    290,
    284,
    279,
    270,
    268,
    301,
    312,
    306,
    331,
    455,
    338,
    300,
    295,
    287,
    281,
    276,
    270,
    299,
]


def test_control_limits_are_the_mean_plus_or_minus_2_66_average_moving_ranges() -> None:
    centre, lower, upper = figures.control_limits([10, 12, 8, 10])
    assert centre == 10
    spread = 2.66 * (2 + 4 + 2) / 3  # the average of the moving ranges 2, 4, 2
    assert (lower, upper) == pytest.approx((10 - spread, 10 + spread))


def test_lower_control_limit_never_below_zero() -> None:
    assert figures.control_limits([0, 5, 0, 6])[1] == 0


def test_control_limits_need_two_months() -> None:
    with pytest.raises(ValueError, match="at least two months"):
        figures.control_limits([5])


def _spc(with_assessment: Path):
    year = read_year(with_assessment)
    content = year.assessment
    return content.charts["asb-spc"], content.tables["monthly-asb"]


def test_spc_description_names_the_limits_and_the_month_outside_them(
    with_assessment: Path,
) -> None:
    chart, table = _spc(with_assessment)
    text = describe(chart_data(chart, table))
    assert text.startswith("SPC chart: Anti-social behaviour incidents by month")
    assert (
        "Centre line (average) 306.4; upper control limit 369.0; lower control limit 243.8" in text
    )
    assert "Above the upper limit: Jul 2017." in text


def test_bar_description_names_highest_and_lowest(with_assessment: Path) -> None:
    year = read_year(with_assessment)
    table = year.assessment.tables["crime-by-district"]
    from reportgen.model.assessment import Chart

    chart = Chart(
        kind="bar",
        title="Crime",
        table="crime-by-district",
        series=["this_year"],
        x_label="Area",
        y_label="Crimes",
    )
    assert describe(chart_data(chart, table)).endswith(
        "Highest: Testborough, 900. Lowest: Zeroton, 7."
    )


def draw(name: str, chart: Chart, table: ComputedTable, cache: Path) -> ChartPicture:
    """A chart drawn as a build draws it, its pictures kept in ``cache``."""
    view = chart_view(name, chart, table)
    return draw_charts([view], PictureFolder(cache))[picture_key(view.data)]


def test_an_unchanged_chart_is_not_redrawn(
    with_assessment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart, table = _spc(with_assessment)
    cache = tmp_path / "cache"
    first = draw("asb-spc", chart, table, cache)
    assert first.svg.startswith(b"<?xml") and first.png.startswith(b"\x89PNG")
    assert len(list(cache.iterdir())) == 2

    def no_drawing(data: object) -> None:
        raise AssertionError("redrawn")

    monkeypatch.setattr("reportgen.render.charts._drawn", no_drawing)
    assert draw("asb-spc", chart, table, cache).svg == first.svg
    changed = chart.model_copy(update={"title": "Another title"})
    with pytest.raises(AssertionError, match="redrawn"):
        draw("asb-spc", changed, table, cache)


def test_spc_chart_reaches_every_format(with_assessment: Path, tmp_path: Path) -> None:
    build(with_assessment, documents=["strategic-assessment"], out=tmp_path / "out")
    html = (tmp_path / "out" / "strategic-assessment.html").read_text()
    assert 'alt="SPC chart: Anti-social behaviour incidents by month' in html
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(tmp_path / "out" / "strategic-assessment.docx")
    descriptions = [p.get("descr") for p in document.element.body.iter(qn("wp:docPr"))]
    assert any(d.startswith("SPC chart:") and "Jul 2017" in d for d in descriptions)
