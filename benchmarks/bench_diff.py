"""Diff two generated 10,000-risk versions; print the time as a ratio to loading both.

The second version renumbers 10 % of the risks with their text unchanged (their ids,
made from their refs as an import makes them, are shuffled among themselves, so each
renumbered risk carries another risk's old id), edits the text and current score of
another 10 %, removes 5 % and adds 5 %. The generator knows which old risk each new risk
is, so the benchmark also prints the matching accuracy against that truth.

Run: python benchmarks/bench_diff.py [N_RISKS]
"""

from __future__ import annotations

import gc
import random
import sys
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, machine

import riskmodel as rm
from riskmodel.matching import match_risks

GOAL = 1.0
ROUNDS = 5
_AREAS = ("Children's social care", "Adults' social care", "Finance", "ICT and cyber",
          "Estates", "Workforce")
_SYLLABLES = ("ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe",
              "qui", "ro", "su", "ta", "ve", "wi", "xo", "yu", "za", "bri", "cla", "dre")


def _vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _text(rng: random.Random, vocabulary: list[str], length: int) -> str:
    # Common words are drawn more often, as in real prose.
    return " ".join(vocabulary[min(int(rng.paretovariate(0.6)) - 1, len(vocabulary) - 1)]
                    if rng.random() < 0.3 else rng.choice(vocabulary)
                    for _ in range(length)).capitalize()


def _edit(rng: random.Random, vocabulary: list[str], text: str, share: float) -> str:
    words = text.split()
    for index in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[index] = rng.choice(vocabulary)
    return " ".join(words)


def generate_versions(
    n: int, seed: int = 2026
) -> tuple[rm.Register, rm.Register, dict[str, str], set[str]]:
    """Two versions, the truth (new id → old id for every risk in both) and renumbered ids."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(6000, rng)
    scheme = rm.builtin_schemes().get("generic-5x5")
    cells = list(scheme.cells())

    def risk(number: int) -> rm.Risk:
        return rm.Risk(
            id=f"R{number:05d}", ref=str(number), section=_AREAS[number % len(_AREAS)],
            title=_text(rng, vocabulary, 6), description=_text(rng, vocabulary, 40),
            consequence=_text(rng, vocabulary, 25),
            controls=[rm.Control(_text(rng, vocabulary, 12)) for _ in range(3)],
            actions=[rm.Action(text=_text(rng, vocabulary, 10), owner="Head of Service",
                               due=rm.DateText.parse("31/03/2027"))],
            inherent=rm.Assessment.of(rng.choice(cells)),
            current=rm.Assessment.of(rng.choice(cells)),
            target=rm.Assessment.of(rng.choice(cells)),
            risk_owner="Director of Resources",
            review_date=rm.DateText.parse("31/03/2027 ongoing"),
        )

    old_risks = [risk(i) for i in range(1, n + 1)]
    order = list(range(n))
    rng.shuffle(order)
    tenth, twentieth = n // 10, n // 20
    renumbered = order[:tenth]
    edited = order[tenth:2 * tenth]
    removed = set(order[2 * tenth:2 * tenth + twentieth])
    # Each renumbered risk takes the number of the next one: every new id is an old id.
    edited_set = set(edited)
    numbers = {i: renumbered[(k + 1) % len(renumbered)] + 1 for k, i in enumerate(renumbered)}
    new_risks, truth = [], {}
    for i, old in enumerate(old_risks):
        if i in removed:
            continue
        new = old
        if i in numbers:
            new = rm.Risk(**{**_fields(old), "id": f"R{numbers[i]:05d}", "ref": str(numbers[i])})
        elif i in edited_set:
            new = rm.Risk(**{**_fields(old),
                             "description": _edit(rng, vocabulary, old.description, 0.25),
                             "consequence": _edit(rng, vocabulary, old.consequence, 0.2),
                             "current": rm.Assessment.of(rng.choice(cells))})
        new_risks.append(new)
        truth[new.id] = old.id
    for k in range(twentieth):
        new_risks.append(risk(n + 1 + k))
    register = {"organisation": "Benchmark Borough Council", "title": "Synthetic register",
                "scheme": scheme, "sections": [rm.Section(area) for area in _AREAS]}
    return (rm.Register(**register, version="1", risks=old_risks),
            rm.Register(**register, version="2", risks=new_risks),
            truth, {f"R{numbers[i]:05d}" for i in renumbered})


def _fields(risk: rm.Risk) -> dict[str, Any]:
    return {a.name: getattr(risk, a.name) for a in attrs.fields(rm.Risk)}


def accuracy(d: rm.RegisterDiff, truth: dict[str, str], renumbered: set[str]) -> tuple[int, int]:
    """(renumbered risks matched to their old selves, matches that are not true)."""
    right = sum(1 for m in d.matches if m.new.id in renumbered and truth[m.new.id] == m.old.id)
    wrong = sum(1 for m in d.matches if truth.get(m.new.id) != m.old.id)
    return right, wrong


def main() -> int:
    """Measure and print; exit 1 when a goal is missed."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    old, new, truth, renumbered = generate_versions(n)
    old_text = rm.dumps(old, indent=None).encode("utf-8")
    new_text = rm.dumps(new, indent=None).encode("utf-8")
    old, new = rm.loads(old_text), rm.loads(new_text)

    def load_both() -> object:
        return rm.loads(old_text), rm.loads(new_text)

    # Rounds alternate the two, so a busy machine slows both alike; the best of each counts.
    load_time = diff_time = match_time = load_paused = diff_paused = float("inf")
    for _ in range(ROUNDS):
        load_time = min(load_time, best_of(load_both, 1))
        diff_time = min(diff_time, best_of(lambda: rm.diff(old, new), 1))
        match_time = min(match_time, best_of(lambda: match_risks(old.risks, new.risks), 1))
        gc.disable()  # the same state outside both (each pauses the collector inside itself)
        try:
            load_paused = min(load_paused, best_of(load_both, 1))
            diff_paused = min(diff_paused, best_of(lambda: rm.diff(old, new), 1))
        finally:
            gc.enable()
    d = rm.diff(old, new)
    right, wrong = accuracy(d, truth, renumbered)
    assert rm.apply(old, d) == new, "the diff must apply"
    ratio = diff_time / load_time
    print(machine())
    print(f"versions: {n} risks, then {len(new)} ({len(renumbered)} renumbered, "
          f"{n // 10} edited, {n // 20} removed, {n // 20} added); "
          f"{(len(old_text) + len(new_text)) / 1e6:.1f} MB of JSON")
    print(f"load both:      {load_time * 1000:8.1f} ms")
    print(f"diff:           {diff_time * 1000:8.1f} ms (matching alone {match_time * 1000:.1f} ms)")
    print(f"ratio: {ratio:.2f}x the load (goal < {GOAL:g}x); gc: enabled outside, paused "
          "inside both")
    print(f"with gc disabled outside both: load both {load_paused * 1000:.1f} ms, diff "
          f"{diff_paused * 1000:.1f} ms, ratio {diff_paused / load_paused:.2f}x")
    print(f"renumbered matched: {right}/{len(renumbered)} ({right / len(renumbered):.1%}); "
          f"false matches: {wrong}; added {len(d.added)}, unlisted {len(d.unlisted)}; "
          f"notes {len(d.notes)}")
    return 0 if ratio < GOAL and right == len(renumbered) and wrong == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
