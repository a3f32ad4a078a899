"""A second, deliberately plain implementation of PRODUCT.md section 4.

It reads only the long-form answers export (rows of the CSV as dicts), so it shares no code with
``avi_desktop.model.scoring``; the tests check that both agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

LAYER_KEYS = ["technology", "leadership", "organisation", "trust"]


def _mean(xs: list[float]) -> float | None:
    if not xs:
        return None
    return sum(xs) / len(xs)


def _sample_var(xs: list[float]) -> float:
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def reference_scores(
    rows: Iterable[Mapping[str, str]], targets: Mapping[str, float], min_fraction: float = 0.6
) -> dict[str, object]:
    """Layer scores, SDs, r_wg, gaps, index and value spread from answers-export rows."""
    rows = list(rows)
    respondents: list[str] = []
    group_of: dict[str, str] = {}
    items_in_layer: dict[str, set[str]] = {key: set() for key in LAYER_KEYS}
    scored: dict[tuple[str, str], tuple[float, float]] = {}  # (respondent, item) -> (x', w)
    layer_of: dict[str, str] = {}
    for row in rows:
        rid = row["respondent_id"]
        if rid not in group_of:
            respondents.append(rid)
            group_of[rid] = row["stakeholder_group"]
        items_in_layer[row["layer"]].add(row["item_id"])
        layer_of[row["item_id"]] = row["layer"]
        if row["score"] in ("", "N/A"):
            continue
        x = int(row["score"])
        if row["reverse_keyed"] == "true":
            x = 6 - x
        scored[(rid, row["item_id"])] = (float(x), float(row["weight"]))

    person: dict[tuple[str, str], float | None] = {}
    for rid in respondents:
        for layer in LAYER_KEYS:
            mine = [scored[(rid, i)] for i in items_in_layer[layer] if (rid, i) in scored]
            n_items = len(items_in_layer[layer])
            if len(mine) == 0 or len(mine) / n_items < min_fraction - 1e-12:
                person[(rid, layer)] = None
                continue
            top = sum(w * (x - 1) for x, w in mine)
            bottom = 4 * sum(w for _, w in mine)
            person[(rid, layer)] = 100 * top / bottom

    out: dict[str, object] = {}
    layer_scores: dict[str, float | None] = {}
    for layer in LAYER_KEYS:
        valid = [s for rid in respondents if (s := person[(rid, layer)]) is not None]
        s_mean = _mean(valid)
        layer_scores[layer] = s_mean
        sd = math.sqrt(_sample_var(valid)) if len(valid) >= 2 else None
        rwg = None
        if len(respondents) >= 2:
            variances = []
            for item in sorted(items_in_layer[layer]):
                xs = [scored[(rid, item)][0] for rid in respondents if (rid, item) in scored]
                if len(xs) >= 2:
                    variances.append(_sample_var(xs))
            if variances:
                s2 = sum(variances) / len(variances)
                j = len(variances)
                rwg = 0.0 if s2 >= 2 else j * (1 - s2 / 2) / (j * (1 - s2 / 2) + s2 / 2)
        gap = None if s_mean is None else max(0.0, targets[layer] - s_mean)
        groups: dict[str, list[float]] = {}
        for rid in respondents:
            s = person[(rid, layer)]
            if s is not None:
                groups.setdefault(group_of[rid], []).append(s)
        group_means = [sum(v) / len(v) for v in groups.values()]
        spread = max(group_means) - min(group_means) if len(group_means) >= 2 else None
        out[layer] = {
            "score": s_mean,
            "sd": sd,
            "rwg": rwg,
            "gap": gap,
            "n": len(valid),
            "spread": spread,
        }
    values = list(layer_scores.values())
    if any(v is None for v in values):
        index = None
    elif any(v == 0 for v in values):
        index = 0.0
    else:
        product = 1.0
        for v in values:
            assert v is not None
            product *= v / 100
        index = 100 * product ** (1 / 4)
    out["alignment_index"] = index
    return out
