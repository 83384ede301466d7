"""Charts: SPC control limits, generated alt text, the image cache."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportgen import build, read_year
from reportgen.compute import figures
from reportgen.compute.charts import chart_data, chart_view, describe
from reportgen.model.assessment import Chart
from reportgen.render.charts import ChartPicture, draw_charts, picture_key
from reportgen.types import ComputedTable
from reportgen.write.pictures import PictureFolder
from tests.fidelity import pdf_figure_alts

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


# Horizontal and grouped bar charts (tests/data/charts: a residents' survey chapter with
# an hbar chart of long statements and a grouped chart of crime this year and last).

CHARTS = Path(__file__).parent / "data" / "charts"
SURVEY_ALT = (
    "Horizontal bar chart: Residents who agree with each statement, 2019 and 2020. "
    "Residents who agree (%) (horizontal axis) by Statement (vertical axis), one bar for "
    "each of: 2019, 2020. Highest: I know how to report anti-social behaviour (2019), 71. "
    "Lowest: Drug dealing or drug use is a problem in my area (2020), 30."
)
GROUPED_ALT = (
    "Grouped bar chart: Crime by district, this year and last. Crimes (vertical axis) by "
    "Area (horizontal axis), bars grouped by Area, one in each group for each of: This "
    "year, Last year. Highest: Testborough (Last year), 1,000. Lowest: Zeroton (Last "
    "year), 0."
)


@pytest.fixture
def with_survey(with_assessment: Path) -> Path:
    """The small Strategic Assessment plus a residents' survey chapter."""
    import shutil

    from tests.conftest import edit

    shutil.copytree(CHARTS, with_assessment, dirs_exist_ok=True)
    edit(
        with_assessment / "assessment" / "assessment.yaml",
        "chapters: [crime, trends]",
        "chapters: [crime, trends, survey]",
    )
    return with_assessment


def _crime_chart(kind: str, series: list[str]) -> Chart:
    return Chart(
        kind=kind,  # type: ignore[arg-type]
        title="Crime",
        table="crime-by-district",
        series=series,
        x_label="Area",
        y_label="Crimes",
    )


@pytest.mark.parametrize(
    ("kind", "series", "expected"),
    [
        (
            "hbar",
            ["this_year"],
            "Horizontal bar chart: Crime. Area (horizontal axis) by Crimes (vertical axis). "
            "Highest: Testborough, 900. Lowest: Zeroton, 7.",
        ),
        (
            "hbar",
            ["this_year", "last_year"],
            "Horizontal bar chart: Crime. Area (horizontal axis) by Crimes (vertical axis), "
            "one bar for each of: This year, Last year. Highest: Testborough (Last year), "
            "1,000. Lowest: Zeroton (Last year), 0.",
        ),
        (
            "grouped",
            ["this_year", "last_year"],
            "Grouped bar chart: Crime. Crimes (vertical axis) by Area (horizontal axis), bars "
            "grouped by Area, one in each group for each of: This year, Last year. Highest: "
            "Testborough (Last year), 1,000. Lowest: Zeroton (Last year), 0.",
        ),
        (
            "bar",
            ["this_year", "last_year"],
            "Bar chart: Crime. Crimes (vertical axis) by Area (horizontal axis), one bar for "
            "each of: This year, Last year. Highest: Testborough (Last year), 1,000. Lowest: "
            "Zeroton (Last year), 0.",
        ),
    ],
)
def test_description_of_each_kind_of_bar_chart(
    with_assessment: Path, kind: str, series: list[str], expected: str
) -> None:
    """hbar's x_label is its horizontal (figures') axis, y_label its rows' axis; here the
    labels are deliberately left as for a standing chart, so they read swapped."""
    table = read_year(with_assessment).assessment.tables["crime-by-district"]
    assert describe(chart_data(_crime_chart(kind, series), table)) == expected


def test_hbar_figures_table_is_headed_by_the_rows_axis(with_assessment: Path) -> None:
    table = read_year(with_assessment).assessment.tables["crime-by-district"]
    chart = _crime_chart("hbar", ["this_year"]).model_copy(
        update={"x_label": "Crimes", "y_label": "Area"}
    )
    data = chart_data(chart, table)
    assert (data.x_label, data.y_label) == ("Area", "Crimes")  # categories, then figures
    assert describe(data).startswith(
        "Horizontal bar chart: Crime. Crimes (horizontal axis) by Area (vertical axis)."
    )


def test_a_grouped_chart_needs_two_series(with_assessment: Path) -> None:
    from reportgen.verify.figures import chart_problems

    table = read_year(with_assessment).assessment.tables["crime-by-district"]
    problems = chart_problems(_crime_chart("grouped", ["this_year"]), table)
    assert problems == [
        (
            ("series",),
            "a grouped bar chart compares two or more columns side by side; name them under "
            "series, or use kind: bar (or hbar) for one column.",
        )
    ]
    assert chart_problems(_crime_chart("grouped", ["this_year", "last_year"]), table) == []


def test_a_grouped_chart_of_one_series_is_refused_by_check(with_survey: Path) -> None:
    from reportgen.commands.gate import check_year
    from tests.conftest import edit

    survey = with_survey / "assessment" / "survey.yaml"
    edit(survey, "series: [this_year, last_year]", "series: [this_year]")
    problems, _ = check_year(with_survey)
    found = [str(p) for p in problems if "grouped bar chart" in str(p)]
    assert len(found) == 1
    assert "survey.yaml" in found[0] and "crime-grouped" in found[0]


def test_hbar_picture_lies_across_with_wrapped_labels(with_survey: Path) -> None:
    import io

    from PIL import Image

    from reportgen.render.charts import draw_charts

    content = read_year(with_survey).assessment
    view = chart_view("survey-hbar", content.charts["survey-hbar"], content.tables["survey"])
    picture = draw_charts([view])[picture_key(view.data)]
    svg = picture.svg.decode("utf-8")
    # the long statement is wrapped onto lines of its own, each drawn as text
    assert "The police and council are dealing" in svg
    assert "crime issues that matter in this" in svg
    width, height = Image.open(io.BytesIO(picture.png)).size
    assert 0.4 < height / width < 0.6  # taller than a standing chart (3.6 of 7 inches)


class _Charts(HTMLParser):
    """Each picture's alt text, and the cells of each chart's figures table by the alt
    text of the chart it follows."""

    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._in_data = False
        self._rows: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")
        elif tag == "details" and dict(attrs).get("class") == "chart-data":
            self._in_data = True
            self.tables[self.alts[-1]] = self._rows = []
        elif tag == "tr" and self._in_data:
            self._rows.append([])
        elif tag in ("th", "td") and self._in_data:
            self._rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data and self._rows and self._rows[-1]:
            self._rows[-1][-1] += data.strip()


def test_hbar_and_grouped_charts_reach_every_format(with_survey: Path, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "out"
    build(with_survey, documents=["strategic-assessment"], out=out)

    parser = _Charts()
    parser.feed((out / "strategic-assessment.html").read_text(encoding="utf-8"))
    assert SURVEY_ALT in parser.alts and GROUPED_ALT in parser.alts
    survey = parser.tables[SURVEY_ALT]
    assert survey[0] == ["Statement", "2019", "2020"]
    assert survey[4] == ["Drug dealing or drug use is a problem in my area", "34", "29.5"]
    grouped = parser.tables[GROUPED_ALT]
    assert grouped == [
        ["Area", "This year", "Last year"],
        ["Testborough", "900", "1,000"],
        ["Otherham", "500", "500"],
        ["Zeroton", "7", "0"],
    ]

    document = docx.Document(out / "strategic-assessment.docx")
    descriptions = [p.get("descr") for p in document.element.body.iter(qn("wp:docPr"))]
    assert SURVEY_ALT in descriptions and GROUPED_ALT in descriptions

    alts = pdf_figure_alts(out / "strategic-assessment.pdf")
    assert SURVEY_ALT in alts and GROUPED_ALT in alts
