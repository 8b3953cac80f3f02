#!/usr/bin/env python3
"""Turn the NIST StRD linear-regression files in Datasets/NIST/original/ into
Datasets/NIST/<Name>.csv (with the polynomial design expanded) and
Tests/MLModelsTests/Reference/NISTCertified.swift (certified values, copied as the
literal digit strings of the files), and verify both independently:

  * every data set is re-fitted in EXACT rational arithmetic (fractions.Fraction,
    normal equations solved by exact Gaussian elimination) from the decimal values
    of the files; the exact solution is compared with the certified values (LRE).
    This checks the transcription of data and certified values, not any library.

Run from the repository root:  python3 Tests/References/nist_datasets.py
Output is committed as Tests/References/nist_datasets.txt.
"""
import math
import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ORIG = ROOT / "Datasets/NIST/original"
OUT = ROOT / "Datasets/NIST"
SWIFT = ROOT / "Tests/MLModelsTests/Reference/NISTCertified.swift"

# name -> (file, polynomial degree or None for Longley, fit intercept)
SETS = {
    "Norris": ("Norris.transcribed.txt", 1, True),
    "Pontius": ("Pontius.dat", 2, True),
    "NoInt1": ("NoInt1.dat", 1, False),
    "NoInt2": ("NoInt2.dat", 1, False),
    "Filip": ("Filip.dat", 10, True),
    "Longley": ("LONGLEY.DAT", None, True),
    "Wampler1": ("Wampler1.dat", 5, True),
    "Wampler2": ("Wampler2.dat", 5, True),
    "Wampler3": ("Wampler3.dat", 5, True),
    "Wampler4": ("Wampler4.dat", 5, True),
    "Wampler5": ("Wampler5.dat", 5, True),
}

# Longley: the original Longley.dat was not found; the data come from NIST Dataplot's
# LONGLEY.DAT and the certified values from /work/shared/REFERENCES.md (NIST StRD Longley),
# identical digit for digit to those quoted in statsmodels', GSL's and Apache Commons Math's tests.
LONGLEY_CERT = {
    "B": [("-3482258.63459582", "890420.383607373"),
          ("15.0618722713733", "84.9149257747669"),
          ("-0.358191792925910E-01", "0.334910077722432E-01"),
          ("-2.02022980381683", "0.488399681651699"),
          ("-1.03322686717359", "0.214274163161675"),
          ("-0.511041056535807E-01", "0.226073200069370"),
          ("1829.15146461355", "455.478499142212")],
    "sd": "304.854073561965", "r2": "0.995479004577296",
    "rss": "836424.055505915", "F": "330.285339234588", "dfres": 9,
}


def parse(path):
    text = path.read_text()
    lines = text.split("\n")
    cert = {"B": []}
    for l in lines:
        m = re.match(r"^\s*B(\d+)\s+(\S+)\s+(\S+)\s*$", l)
        if m:
            cert["B"].append((m.group(2), m.group(3)))
        m = re.match(r"^\s*Standard Deviation\s+(\S+)\s*$", l)
        if m:
            cert["sd"] = m.group(1)
        m = re.match(r"^\s*R-Squared\s+(\S+)\s*$", l)
        if m:
            cert["r2"] = m.group(1)
        m = re.match(r"^Regression\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$", l)
        if m:
            cert["F"] = m.group(4)
        m = re.match(r"^Residual\s+(\d+)\s+(\S+)\s+(\S+)\s*$", l)
        if m:
            cert["dfres"] = int(m.group(1))
            cert["rss"] = m.group(2)
    start = max(i for i, l in enumerate(lines) if l.startswith("Data:"))
    rows = [l.split() for l in lines[start + 1:] if l.strip()]
    return cert, rows


def parse_longley(path):
    lines = path.read_text().split("\n")
    start = max(i for i, l in enumerate(lines) if l.startswith("-----"))
    rows = [l.split() for l in lines[start + 1:] if l.strip()]
    return dict(LONGLEY_CERT), rows


def dec_str(s):
    """Exact decimal text of a data token ('.11019' -> '0.11019', '760.' -> '760')."""
    d = Decimal(s)
    t = format(d, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    if t in ("-0", ""):
        t = "0"
    return t


def frac_str(q):
    """Exact decimal text of a Fraction with a terminating expansion."""
    n, d = q.numerator, q.denominator
    k = 0
    while d % 10**k and not (10**k % d == 0):
        k += 1
        if k > 60:
            raise ValueError("not a terminating decimal")
    scaled = q * 10**k
    assert scaled.denominator == 1
    s = str(abs(scaled.numerator)).rjust(k + 1, "0")
    t = s if k == 0 else s[:-k] + "." + s[-k:]
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return ("-" if q < 0 else "") + t


def exact_ls(X, y):
    """Exact least squares via the normal equations in rational arithmetic."""
    p = len(X[0])
    A = [[sum(r[i] * r[j] for r in X) for j in range(p)] for i in range(p)]
    b = [sum(r[i] * yy for r, yy in zip(X, y)) for i in range(p)]
    M = [A[i] + [b[i]] for i in range(p)]
    for c in range(p):
        piv = next(r for r in range(c, p) if M[r][c] != 0)
        M[c], M[piv] = M[piv], M[c]
        for r in range(p):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    beta = [M[i][p] / M[i][i] for i in range(p)]
    # inverse of A (for standard errors)
    Inv = [[Fraction(int(i == j)) for j in range(p)] for i in range(p)]
    A2 = [row[:] for row in A]
    for c in range(p):
        piv = next(r for r in range(c, p) if A2[r][c] != 0)
        A2[c], A2[piv] = A2[piv], A2[c]
        Inv[c], Inv[piv] = Inv[piv], Inv[c]
        f0 = A2[c][c]
        A2[c] = [a / f0 for a in A2[c]]
        Inv[c] = [a / f0 for a in Inv[c]]
        for r in range(p):
            if r != c and A2[r][c] != 0:
                f = A2[r][c]
                A2[r] = [a - f * bb for a, bb in zip(A2[r], A2[c])]
                Inv[r] = [a - f * bb for a, bb in zip(Inv[r], Inv[c])]
    return beta, Inv


def lre(est, cert):
    est, cert = float(est), float(cert)
    if cert == 0:
        return 15.0 if est == 0 else -math.log10(abs(est))
    if est == cert:
        return 15.0
    return min(15.0, -math.log10(abs(est - cert) / abs(cert)))


def swift_num(tok):
    if tok.lower() == "infinity":
        return "Double.infinity"
    if tok.endswith("."):
        tok = tok[:-1]
    return tok


def main():
    swift_parts = []
    print("NIST StRD linear regression: exact rational re-fit vs certified values (LRE, capped at 15)")
    worst_overall = 15.0
    for name, (fname, degree, intercept) in SETS.items():
        path = ORIG / fname
        if degree is None:
            cert, rows = parse_longley(path)
            ycol = [r[0] for r in rows]
            xcols = [[r[k] for r in rows] for k in range(1, 7)]
            feats = ["x1", "x2", "x3", "x4", "x5", "x6"]
            Xq = [[Fraction(Decimal(c[i])) for c in xcols] for i in range(len(rows))]
            xtext = [[dec_str(c[i]) for c in xcols] for i in range(len(rows))]
        else:
            cert, rows = parse(path)
            ycol = [r[0] for r in rows]
            xs = [Fraction(Decimal(r[1])) for r in rows]
            feats = ["x"] + [f"x{k}" for k in range(2, degree + 1)]
            Xq = [[x**k for k in range(1, degree + 1)] for x in xs]
            xtext = []
            for r, x in zip(rows, xs):
                rowt = [dec_str(r[1])]
                for k in range(2, degree + 1):
                    q = x**k
                    try:
                        rowt.append(frac_str(q) if name != "Filip" else repr(float(q)))
                    except ValueError:
                        rowt.append(repr(float(q)))
                xtext.append(rowt)
        yq = [Fraction(Decimal(v)) for v in ycol]
        n = len(rows)
        # CSV
        with open(OUT / f"{name}.csv", "w") as f:
            f.write(",".join(["y"] + feats) + "\n")
            for yv, xr in zip(ycol, xtext):
                f.write(",".join([dec_str(yv)] + xr) + "\n")
        # exact refit
        Xd = [([Fraction(1)] if intercept else []) + r for r in Xq]
        beta, Inv = exact_ls(Xd, yq)
        res = [yy - sum(a * b for a, b in zip(r, beta)) for r, yy in zip(Xd, yq)]
        rss = sum(r * r for r in res)
        p = len(Xd[0])
        dfres = n - p
        s2 = rss / dfres
        se = [math.sqrt(float(s2 * Inv[i][i])) for i in range(p)]
        if intercept:
            ybar = sum(yq) / n
            tss = sum((v - ybar) ** 2 for v in yq)
        else:
            tss = sum(v * v for v in yq)
        r2 = 1 - rss / tss
        certB = cert["B"]
        assert len(certB) == p, (name, len(certB), p)
        assert cert["dfres"] == dfres, (name, cert["dfres"], dfres)
        l_b = min(lre(b, c[0]) for b, c in zip(beta, certB))
        l_se = min(lre(s, c[1]) for s, c in zip(se, certB))
        l_sd = lre(math.sqrt(float(s2)), cert["sd"])
        l_r2 = lre(r2, cert["r2"])
        l_rss = lre(rss, cert["rss"])
        worst = min(l_b, l_se, l_sd, l_r2, l_rss)
        worst_overall = min(worst_overall, worst)
        print(f"{name:9s} n={n:3d} p={p:2d} minLRE coef={l_b:5.2f} se={l_se:5.2f} sd={l_sd:5.2f} "
              f"R2={l_r2:5.2f} RSS={l_rss:5.2f}")
        print(f"          exact coefficients: {[repr(float(b)) for b in beta]}")
        # Swift
        src = ("Datasets/NIST/original/" + fname)
        if name == "Longley":
            srcnote = ("data: NIST Dataplot LONGLEY.DAT (Datasets/NIST/original/LONGLEY.DAT); certified values: "
                       "NIST StRD Longley.dat as quoted in REFERENCES.md (original .dat not found)")
        elif name == "Norris":
            srcnote = ("NIST StRD Norris.dat as transcribed in GAMS model LS01 "
                       "(Datasets/NIST/original/Norris.transcribed.txt; original .dat not found)")
        else:
            srcnote = f"NIST StRD {name}.dat ({src})"
        coefs = certB[1:] if intercept else certB
        L = []
        L.append(f"    /// {name}: {srcnote}.")
        if degree is not None and degree > 1:
            L.append(f"    /// Polynomial of degree {degree} in x, fitted as a linear model on the columns "
                     + ", ".join(feats) + " (xk = x^k).")
        if name == "Longley":
            L.append("    /// x1..x6 = GNPDEFL, GNP, UNEMP, ARMED, POP, YEAR; y = TOTEMP (total derived employment).")
        L.append(f"    enum {name} {{")
        L.append(f'        static let file = "Datasets/NIST/{name}.csv"')
        L.append('        static let label = "y"')
        L.append("        static let features = [" + ", ".join(f'"{f}"' for f in feats) + "]")
        L.append(f"        static let rows = {n}")
        L.append(f"        static let fitIntercept = {'true' if intercept else 'false'}")
        L.append("        /// Certified estimates in feature order (intercept excluded).")
        L.append("        static let coefficients: [Double] = [" + ", ".join(swift_num(c[0]) for c in coefs) + "]")
        L.append("        static let intercept: Double? = " + (swift_num(certB[0][0]) if intercept else "nil"))
        L.append("        /// Certified standard deviations of the estimates, in feature order.")
        L.append("        static let standardErrors: [Double] = [" + ", ".join(swift_num(c[1]) for c in coefs) + "]")
        L.append("        static let interceptStandardError: Double? = " + (swift_num(certB[0][1]) if intercept else "nil"))
        L.append(f"        static let residualStandardDeviation: Double = {swift_num(cert['sd'])}")
        L.append(f"        /// R-squared as certified{' (uncentred: no intercept in the model)' if not intercept else ''}.")
        L.append(f"        static let rSquared: Double = {swift_num(cert['r2'])}")
        L.append(f"        static let residualSumOfSquares: Double = {swift_num(cert['rss'])}")
        L.append(f"        static let residualDegreesOfFreedom = {cert['dfres']}")
        L.append(f"        static let fStatistic: Double = {swift_num(cert['F'])}")
        L.append("    }")
        swift_parts.append("\n".join(L))
    print(f"worst LRE over all sets and statistics: {worst_overall:.2f}")
    header = """// NISTCertified.swift
// GENERATED by Tests/References/nist_datasets.py -- do not edit by hand.
//
// Certified values of the NIST Statistical Reference Datasets (StRD), linear least squares
// regression, copied digit for digit (as literal text) from the certified sections of the
// files in Datasets/NIST/original/ (public domain, US government). Data in Datasets/NIST/*.csv.
// Accuracy is customarily graded by the log relative error
// LRE = -log10(|estimate - certified| / |certified|), capped at 15.
// The generating script re-fits every set in exact rational arithmetic and reproduces the
// certified values (see Tests/References/nist_datasets.txt).
// Wampler1/Wampler2 are exact fits: certified standard errors and residual SD are exactly 0
// and the F statistic is infinite.

/// NIST StRD certified values, one nested enum per data set.
enum NISTCertified {
"""
    SWIFT.write_text(header + "\n\n".join(swift_parts) + "\n}\n")
    print(f"wrote {SWIFT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
