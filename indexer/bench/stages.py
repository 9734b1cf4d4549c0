"""The build's stages (``make bench``): each stage's wall and CPU time, as the build
records them (``BuildSummary.stages``, printed by ``policy-search index --json``),
beside the floor: jieba's one-core pass over the same paragraphs."""

from __future__ import annotations


def stages_table(rows: list[dict]) -> list[str]:
    """A table per corpus built in this run: a row per stage, then the whole build."""
    out: list[str] = []
    for r in rows:
        if not r.get("build"):
            continue
        b, floor = r["build"], r["jieba_s"]
        out += [
            "",
            f"**Build stages** on {r['name']}: wall and CPU (user + sys, the build's worker processes "
            f"included) of each stage, and CPU as a multiple of jieba's one-core pass over the same "
            f"paragraphs ({floor:.1f} s).",
            "",
            "| stage | wall | CPU | CPU ÷ jieba |",
            "|---|---:|---:|---:|",
        ]
        out += [_row(s["name"], s["seconds"], s["cpu_seconds"], floor) for s in b["stages"]]
        out.append(_row("**whole build** (process tree)", b["seconds"], b["cpu_seconds"], floor))
    return out


def _row(name: str, wall: float, cpu: float, floor: float) -> str:
    ratio = f"{cpu / floor:.2f}×" if floor else "—"
    return f"| {name} | {wall:.1f} s | {cpu:.1f} s | {ratio} |"
