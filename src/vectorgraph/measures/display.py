"""Measure results in a notebook: HTML tables and pandas DataFrames.

Every result dataclass that has rows (:class:`~vectorgraph.measures.VectorBalance`,
:class:`~vectorgraph.measures.Balance`, :class:`~vectorgraph.timeline.Timeline`)
gives ``_repr_html_`` (Jupyter shows a table) and ``to_pandas()`` (a DataFrame,
when pandas is installed) through the two functions here, so a table looks the
same whichever measure made it. Cells are escaped: actor names come from the
document and are shown only as text.

Examples
--------
>>> print(html_table([{"pole": "RUS", "p": 0.6011}], ["pole", "p"], caption="KAZ <b>"))
<table class="vectorgraph-table">
<caption>KAZ &lt;b&gt;</caption>
<thead><tr><th>pole</th><th>p</th></tr></thead>
<tbody>
<tr><td>RUS</td><td style="text-align:right">0.6011</td></tr>
</tbody>
</table>
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["data_frame", "html_table"]

PANDAS_HINT = "pandas is not installed: pip install 'vectorgraph[notebook]' (or pip install pandas)"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def html_table(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], *, caption: str | None = None
) -> str:
    """An HTML table of ``rows`` (dicts) in ``columns`` order, every cell escaped."""
    out = ['<table class="vectorgraph-table">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append(
        "<thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in columns) + "</tr></thead>"
    )
    out.append("<tbody>")
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            num = isinstance(v, (int, float)) and not isinstance(v, bool)
            style = ' style="text-align:right"' if num else ""
            cells.append(f"<td{style}>{html.escape(_cell(v))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def data_frame(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Any:
    """A :class:`pandas.DataFrame` of ``rows``; ImportError with an install hint without pandas."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(PANDAS_HINT) from None
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))
