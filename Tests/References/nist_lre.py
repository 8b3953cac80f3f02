#!/usr/bin/env python3
"""Log relative errors (LRE) of mlfit's linear-regression solvers on the NIST StRD sets.

Runs the built `mlfit` binary on Datasets/NIST/*.csv with each solver, reads the model
files, and grades coefficients, standard errors, residual SD and R² against the certified
values in Tests/MLModelsTests/Reference/NISTCertified.swift (copied from the NIST files).
numpy's `lstsq` (LAPACK dgelsd, SVD) on the same data is graded alongside for comparison.

Usage: python3 Tests/References/nist_lre.py [path/to/mlfit]   (prints a Markdown table)
"""
import json, math, re, subprocess, sys, tempfile, os
import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MLFIT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/mlfit")
SETS = ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Filip",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]
SOURCE = open(os.path.join(ROOT, "Tests/MLModelsTests/Reference/NISTCertified.swift")).read()


def certified(name):
    block = SOURCE[SOURCE.index(f"enum {name} {{"):]
    block = block[:block.index("\n    }")]
    def array(key):
        return [float(x) for x in re.search(key + r": \[Double\] = \[(.*?)\]", block).group(1).split(",")]
    def scalar(key):
        m = re.search(key + r": Double\?? = ([^\n]+)", block)
        return None if m is None or m.group(1).strip() == "nil" else float(m.group(1))
    return {
        "features": re.search(r'features = \[(.*?)\]', block).group(1).replace('"', "").replace(" ", "").split(","),
        "intercept": "fitIntercept = true" in block,
        "coefficients": array("coefficients"), "se": array("standardErrors"),
        "b0": scalar("intercept"), "se0": scalar("interceptStandardError"),
        "sd": scalar("residualStandardDeviation"), "r2": scalar("rSquared"),
    }


def lre(estimate, value):
    if estimate is None or (isinstance(estimate, float) and math.isnan(estimate)):
        return 0.0
    error = abs(estimate) if value == 0 else abs(estimate - value) / abs(value)
    return 15.0 if error == 0 else max(0.0, min(15.0, -math.log10(error)))


def grade(c, coefficients, ses, b0, se0, sd, r2):
    coef = [lre(a, b) for a, b in zip(coefficients, c["coefficients"])]
    if c["intercept"]:
        coef.append(lre(b0, c["b0"]))
    se = [lre(a, b) for a, b in zip(ses, c["se"])] if ses else [0.0]
    if c["intercept"] and ses:
        se.append(lre(se0, c["se0"]))
    return min(coef), min(se), lre(sd, c["sd"]), lre(r2, c["r2"])


def mlfit(name, c, solver):
    with tempfile.TemporaryDirectory() as d:
        model = os.path.join(d, "m.json")
        args = [MLFIT, "train", "linear-regression", "--data", os.path.join(ROOT, f"Datasets/NIST/{name}.csv"),
                "--label", "y", "--model", model, "--solver", solver, "--quiet"]
        if not c["intercept"]:
            args.append("--no-fit-intercept")
        run = subprocess.run(args, capture_output=True, text=True)
        if run.returncode != 0:
            aliased = re.search(r"'([^']+)' is a linear combination", run.stderr)
            return None, f"refused: '{aliased.group(1)}' aliased, as in R's lm" if aliased else run.stderr.strip()
        m = json.load(open(model))
    s = m["summary"]
    return grade(c, m["model"]["coefficients"], s.get("coefficientStandardErrors"), m["model"]["intercept"],
                 s.get("interceptStandardError"), s["residualStandardError"], s["rSquared"]), s.get("refinementPasses", 0)


def numpy_lstsq(name, c):
    d = pd.read_csv(os.path.join(ROOT, f"Datasets/NIST/{name}.csv"))
    y = d["y"].to_numpy()
    x = d[c["features"]].to_numpy()
    a = np.column_stack([np.ones(len(y)), x]) if c["intercept"] else x
    beta = np.linalg.lstsq(a, y, rcond=None)[0]
    coefficients, b0 = (beta[1:], beta[0]) if c["intercept"] else (beta, None)
    return min(lre(v, w) for v, w in zip(list(coefficients) + ([b0] if b0 is not None else []),
                                          c["coefficients"] + ([c["b0"]] if c["intercept"] else [])))


print("| data set | numpy lstsq β | auto β / se / sd / R² (refinement passes) | normal β / se / sd / R² | qr β / se / sd / R² |")
print("|---|---|---|---|---|")
for name in SETS:
    c = certified(name)
    cells = [name, f"{numpy_lstsq(name, c):.1f}"]
    for solver in ["auto", "normal", "qr"]:
        scores, extra = mlfit(name, c, solver)
        if scores is None:
            cells.append(extra)
        else:
            cells.append(" / ".join(f"{v:.1f}" for v in scores) + (f" ({extra})" if solver == "auto" else ""))
    print("| " + " | ".join(cells) + " |")
