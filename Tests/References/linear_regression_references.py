#!/usr/bin/env python3
"""Independent reference values for mlfit's LinearRegression (scikit-learn + statsmodels).

Run from the repository root:
    python3 Tests/References/linear_regression_references.py > Tests/References/linear_regression_references.txt
It also (re)writes Tests/MLModelsTests/Reference/LinearRegressionReferences.swift.

Objective of mlfit's LinearRegression (weights w, W = sum(w)):
    (1/(2W)) * sum_i w_i (y_i - x_i'b - b0)^2 + lam * (alpha*||D b||_1 + (1-alpha)/2*||D b||_2^2)
D = diag(sigma_j) with standardization on, sigma_j = sqrt(sum w (x_j - xbar_j)^2 / W) (weighted
population std, centred even without intercept); D = I with standardization off. b0 unpenalized,
absent when fitIntercept is false.

Mapping to scikit-learn used here (standardization on = fit on Z = X / sigma, then b = g / sigma):
  * alpha > 0 : sklearn.linear_model.ElasticNet(alpha=lam, l1_ratio=alpha, fit_intercept=...,
                tol=1e-15, max_iter=10**7, selection='cyclic'), sample_weight=w.
                (scikit-learn rescales sample_weight to sum n and divides by n: identical to 1/(2W).)
  * alpha = 0 : sklearn.linear_model.Ridge(alpha=lam*W, solver='svd'), sample_weight=w, which minimizes
                sum w r^2 + lam*W*||b||^2 = 2W * (our objective). Cross-checked against
                ElasticNet(l1_ratio=0) in the output (max rel. difference printed).
  * lam = 0   : statsmodels OLS (w = 1) / WLS(weights=w), method='pinv'; R^2 uncentred when
                there is no intercept (statsmodels' convention, as R's).
Verification (not trusting any solver): the KKT conditions of the objective above are evaluated
for each result (max violation printed, in the standardized parametrization, absolute and relative
to max_j |(1/W) sum w z_j (y - ybar_w)|), and every result is compared with an independent
high-precision (mpmath, 50 digits) solution of the KKT system on the solver's active set.
"""
import math
import platform
import sys
import warnings
from pathlib import Path

import mpmath
import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import ElasticNet, Ridge
from sklearn import metrics

mpmath.mp.dps = 50
ROOT = Path(__file__).resolve().parents[2]
SWIFT = ROOT / "Tests/MLModelsTests/Reference/LinearRegressionReferences.swift"

# ----------------------------------------------------------------------------- data
diab = pd.read_csv(ROOT / "Datasets/diabetes.csv")
FEATS = [c for c in diab.columns if c != "target"]
Xd = diab[FEATS].to_numpy(float)
yd = diab["target"].to_numpy(float)
wd = np.array([1.0 + (i % 3) for i in range(len(yd))])  # w_i = 1 + (i mod 3), i 0-based

XF = np.array([[0.0, 5.0], [1.0, 7.0], [2.0, 11.0], [3.0, 13.0]])
yF = np.array([17.0, 19.0, 23.0, 29.0])
wF = np.array([1.0, 2.0, 3.0, 4.0])

DATA = {
    "diabetes": ("Datasets/diabetes.csv", Xd, yd, wd, FEATS),
    "sparkWLS": ("SparkWLSFixture", XF, yF, wF, ["x1", "x2"]),
}


def wstd(X, w):
    W = w.sum()
    m = (w[:, None] * X).sum(0) / W
    return np.sqrt((w[:, None] * (X - m) ** 2).sum(0) / W)


# ----------------------------------------------------------------------------- solvers
def sk_fit(X, y, w, lam, alpha, intercept, standardize):
    sig = wstd(X, w) if standardize else np.ones(X.shape[1])
    Z = X / sig
    W = w.sum()
    if alpha == 0.0:
        m = Ridge(alpha=lam * W, fit_intercept=intercept, solver="svd")
        m.fit(Z, y, sample_weight=w)
    else:
        m = ElasticNet(alpha=lam, l1_ratio=alpha, fit_intercept=intercept, tol=1e-15,
                       max_iter=10**7, selection="cyclic")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m.fit(Z, y, sample_weight=w)
        for c in caught:
            print(f"    (scikit-learn warning: {str(c.message).splitlines()[0][:160]}; n_iter={m.n_iter_}, "
                  f"dual_gap={float(m.dual_gap_):.3e})")
    g = m.coef_.copy()
    return g / sig, (float(m.intercept_) if intercept else 0.0), sig


def sk_enet_l1_zero(X, y, w, lam, intercept, standardize):
    """Ridge through ElasticNet(l1_ratio=0) coordinate descent, only as a mapping cross-check."""
    sig = wstd(X, w) if standardize else np.ones(X.shape[1])
    m = ElasticNet(alpha=lam, l1_ratio=0.0, fit_intercept=intercept, tol=1e-16, max_iter=10**7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m.fit(X / sig, y, sample_weight=w)
    return m.coef_ / sig, (float(m.intercept_) if intercept else 0.0)


def kkt(X, y, w, lam, alpha, intercept, sig, b, b0):
    """Max KKT violation in the standardized parametrization g = sigma*b (D=diag(sig) or I)."""
    W = w.sum()
    Z = X / sig
    g = b * sig
    r = y - Z @ g - b0
    grad = -(Z.T @ (w * r)) / W + lam * (1 - alpha) * g
    l1 = lam * alpha
    viol = []
    for j in range(len(g)):
        if g[j] != 0.0:
            viol.append(abs(grad[j] + l1 * np.sign(g[j])))
        else:
            viol.append(max(0.0, abs(grad[j]) - l1))
    if intercept:
        viol.append(abs((w * r).sum() / W))
    ybar = (w * y).sum() / W if intercept else 0.0
    scale = np.max(np.abs(Z.T @ (w * (y - ybar)) / W))
    v = max(viol)
    return v, v / scale


def mp_polish(X, y, w, lam, alpha, intercept, sig, active, signs):
    """Exact-KKT solution on a given active set with given signs, in 50-digit arithmetic."""
    n, p = X.shape
    lam = mpmath.mpf(float(lam)); alpha = mpmath.mpf(float(alpha))
    Wm = mpmath.fsum(mpmath.mpf(float(v)) for v in w)
    wm = [mpmath.mpf(float(v)) for v in w]
    ym = [mpmath.mpf(float(v)) for v in y]
    sg = [mpmath.mpf(float(v)) for v in sig]
    # recompute sigma in high precision when standardizing (sig != 1)
    if any(s != 1.0 for s in sig):
        sg = []
        for j in range(p):
            xj = [mpmath.mpf(float(v)) for v in X[:, j]]
            mj = mpmath.fsum(a * b for a, b in zip(wm, xj)) / Wm
            sg.append(mpmath.sqrt(mpmath.fsum(a * (b - mj) ** 2 for a, b in zip(wm, xj)) / Wm))
    A = list(active)
    Z = [[mpmath.mpf(float(X[i, j])) / sg[j] for j in A] for i in range(n)]
    k = len(A)
    if intercept:
        zbar = [mpmath.fsum(wm[i] * Z[i][a] for i in range(n)) / Wm for a in range(k)]
        ybar = mpmath.fsum(wm[i] * ym[i] for i in range(n)) / Wm
        Z = [[Z[i][a] - zbar[a] for a in range(k)] for i in range(n)]
        yc = [ym[i] - ybar for i in range(n)]
    else:
        yc = ym
    M = mpmath.matrix(k, k)
    rhs = mpmath.matrix(k, 1)
    for a in range(k):
        for c in range(a, k):
            v = mpmath.fsum(wm[i] * Z[i][a] * Z[i][c] for i in range(n)) / Wm
            M[a, c] = v; M[c, a] = v
        M[a, a] += lam * (1 - alpha)
        rhs[a] = mpmath.fsum(wm[i] * Z[i][a] * yc[i] for i in range(n)) / Wm - lam * alpha * signs[a]
    gA = mpmath.lu_solve(M, rhs) if k else []
    b = [mpmath.mpf(0)] * p
    for a, j in enumerate(A):
        b[j] = gA[a] / sg[j]
    if intercept:
        xbar = [mpmath.fsum(wm[i] * mpmath.mpf(float(X[i, j])) for i in range(n)) / Wm for j in range(p)]
        b0 = ybar - mpmath.fsum(b[j] * xbar[j] for j in range(p))
    else:
        b0 = mpmath.mpf(0)
    return [float(v) for v in b], float(b0)


def rel_diff(a, b, scale=None):
    """Componentwise relative difference, denominators floored at 1e-3 * max|b| (or scale)
    so that coefficients whose exact value is 0 do not blow up."""
    a = np.asarray(a, float); b = np.asarray(b, float)
    if not len(a):
        return 0.0
    s = float(np.max(np.abs(b))) if scale is None else scale
    den = np.maximum(np.abs(b), 1e-3 * s)
    den = np.where(den == 0, 1.0, den)
    return float(np.max(np.abs(a - b) / den))


# ----------------------------------------------------------------------------- run
print("# linear_regression_references.py")
print(f"# python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
      f"pandas {pd.__version__}, scikit-learn {sklearn.__version__}, statsmodels {statsmodels.__version__}, "
      f"mpmath {mpmath.__version__}")
print("# diabetes weights: w_i = 1 + (i mod 3), i = 0-based row index")
print()

SPECS = []  # (name-part, lam, alpha)
for data in ("diabetes", "sparkWLS"):
    regs = [("ols", 0.0, 0.0), ("ridge0.1", 0.1, 0.0)]
    if data == "diabetes":
        regs.append(("ridge1.0", 1.0, 0.0))
    regs += [("lasso0.5", 0.5, 1.0), ("enet0.3a0.5", 0.3, 0.5)]
    for weighted in (False, True):
        for intercept in (True, False):
            for std in (True, False):
                for rname, lam, alpha in regs:
                    SPECS.append((data, rname, lam, alpha, intercept, std, weighted))

cases = []
worst = (0.0, "")
worst_rel_mp = (0.0, "")
print("## scikit-learn (regularized) and statsmodels-equivalent (lam = 0) coefficient fits")
print("# name: KKT max |violation| (abs, rel), max rel diff vs 50-digit active-set KKT solution")
for data, rname, lam, alpha, intercept, std, weighted in SPECS:
    path, X, y, wfull, feats = DATA[data]
    w = wfull if weighted else np.ones(len(y))
    name = f"{data}_{rname}_{'int' if intercept else 'noint'}_{'std' if std else 'nostd'}_{'w' if weighted else 'unw'}"
    if lam == 0.0:
        Xs = sm.add_constant(X, has_constant="add") if intercept else X
        res = sm.WLS(y, Xs, weights=w).fit(method="pinv")
        prm = res.params
        b = np.array(prm[1:] if intercept else prm); b0 = float(prm[0]) if intercept else 0.0
        sig = wstd(X, w) if std else np.ones(X.shape[1])
        src = "statsmodels WLS/OLS (pinv)"
    else:
        b, b0, sig = sk_fit(X, y, w, lam, alpha, intercept, std)
        src = "sklearn Ridge(alpha=lam*W, svd)" if alpha == 0 else "sklearn ElasticNet(tol=1e-15)"
    v_abs, v_rel = kkt(X, y, w, lam, alpha, intercept, sig, b, b0)
    active = [j for j in range(len(b)) if b[j] != 0.0]
    signs = [float(np.sign(b[j])) for j in active]
    pb, pb0 = mp_polish(X, y, w, lam, alpha, intercept, sig, active, signs)
    d_mp = max(rel_diff(b, pb), rel_diff([b0], [pb0]) if intercept else 0.0)
    mp_line = f"    mp50 coefficients = [{', '.join(repr(v) for v in pb)}]; mp50 intercept = {pb0!r}"
    # the polished solution must itself satisfy KKT (inactive set correct)
    pv_abs, pv_rel = kkt(X, y, w, lam, alpha, intercept, sig, np.array(pb), pb0)
    extra = ""
    if alpha == 0.0 and lam > 0:
        eb, eb0 = sk_enet_l1_zero(X, y, w, lam, intercept, std)
        extra = f" | Ridge vs ElasticNet(l1_ratio=0) rel diff {max(rel_diff(eb, b), rel_diff([eb0],[b0]) if intercept else 0.0):.2e}"
    print(f"{name}: src={src} KKT abs={v_abs:.3e} rel={v_rel:.3e}; vs mp50 rel={d_mp:.3e} "
          f"(mp50 KKT rel={pv_rel:.1e}){extra}")
    print(f"    coefficients = [{', '.join(repr(float(v)) for v in b)}]")
    print(f"    intercept = {repr(float(b0))}")
    print(mp_line)
    if v_rel > worst[0]:
        worst = (v_rel, name)
    if d_mp > worst_rel_mp[0]:
        worst_rel_mp = (d_mp, name)
    cases.append(dict(name=name, data=path, lam=lam, alpha=alpha, intercept=intercept, std=std,
                      weighted=weighted, coef=[float(v) for v in b], b0=float(b0), kkt=v_rel, mp=d_mp))
print(f"# worst relative KKT violation: {worst[0]:.3e} ({worst[1]})")
print(f"# worst relative difference to the 50-digit KKT solution: {worst_rel_mp[0]:.3e} ({worst_rel_mp[1]})")
print()

# ----------------------------------------------------------------------------- statsmodels inference
print("## statsmodels inference for the unregularized fits")
sm_fits = []
for data in ("diabetes", "sparkWLS"):
    path, X, y, wfull, feats = DATA[data]
    for weighted in (False, True):
        for intercept in (True, False):
            w = wfull if weighted else np.ones(len(y))
            Xs = sm.add_constant(X, has_constant="add") if intercept else X
            res = sm.WLS(y, Xs, weights=w).fit(method="pinv")
            k = 1 if intercept else 0
            W = w.sum()
            rss = float(res.ssr)  # sum w r^2
            f = dict(
                name=f"{data}_ols_{'int' if intercept else 'noint'}_{'w' if weighted else 'unw'}",
                data=path, intercept=intercept, weighted=weighted,
                coef=list(res.params[k:]), b0=(float(res.params[0]) if intercept else None),
                se=list(res.bse[k:]), se0=(float(res.bse[0]) if intercept else None),
                t=list(res.tvalues[k:]), t0=(float(res.tvalues[0]) if intercept else None),
                p=list(res.pvalues[k:]), p0=(float(res.pvalues[0]) if intercept else None),
                r2=float(res.rsquared), r2adj=float(res.rsquared_adj),
                sd=float(math.sqrt(res.scale)), F=float(res.fvalue), Fp=float(res.f_pvalue),
                rss=rss, rmse=math.sqrt(rss / W), dfres=float(res.df_resid), dfmodel=float(res.df_model),
            )
            sm_fits.append(f)
            print(f"{f['name']}:")
            for key in ("coef", "b0", "se", "se0", "t", "t0", "p", "p0", "r2", "r2adj", "sd", "F", "Fp",
                        "rss", "rmse", "dfres", "dfmodel"):
                v = f[key]
                if isinstance(v, list):
                    print(f"    {key} = [{', '.join(repr(float(x)) for x in v)}]")
                else:
                    print(f"    {key} = {repr(v)}")
print()

# ----------------------------------------------------------------------------- R comparison
print("## Spark WLS fixture vs R values quoted in REFERENCES.md")
def show(label, ours, ref):
    d = [float(a) - float(b) for a, b in zip(ours, ref)]
    print(f"{label}: ours={[repr(float(v)) for v in ours]} R={ref} diff={[f'{x:.3e}' for x in d]}")

get = {c["name"]: c for c in cases}
smg = {f["name"]: f for f in sm_fits}
c = smg["sparkWLS_ols_int_w"]
show("WLS with intercept (b0, x1, x2)", [c["b0"]] + c["coef"], [18.08, 6.08, -0.60])
show("  standard errors (x1, x2, b0)", c["se"] + [c["se0"]], [5.556, 1.960, 9.608])
show("  t values (x1, x2, b0)", c["t"] + [c["t0"]], [1.094, -0.306, 1.882])
show("  p values (x1, x2, b0)", c["p"] + [c["p0"]], [0.471, 0.811, 0.311])
show("  weighted RSS", [c["rss"]], [7.68])
c = smg["sparkWLS_ols_noint_w"]
show("WLS without intercept (x1, x2)", c["coef"], [-3.727121, 3.009983])

# glmnet conversion: lam1 = lam*alpha, lam2 = lam*(1-alpha)/sigma_y, sigma_y weighted pop. std of y
W = wF.sum(); ybar = (wF * yF).sum() / W
sy = math.sqrt((wF * (yF - ybar) ** 2).sum() / W)
print(f"sigma_y (weighted population std of b, centred) = {sy!r}")
glm = []
def glmnet_equiv(lam_g, alpha_g, intercept):
    l1 = lam_g * alpha_g; l2 = lam_g * (1 - alpha_g) / sy
    lam = l1 + l2; alpha = l1 / lam
    b, b0, sig = sk_fit(XF, yF, wF, lam, alpha, intercept, False)
    v_abs, v_rel = kkt(XF, yF, wF, lam, alpha, intercept, sig, b, b0)
    active = [j for j in range(len(b)) if b[j] != 0.0]
    pb, pb0 = mp_polish(XF, yF, wF, lam, alpha, intercept, sig, active, [float(np.sign(b[j])) for j in active])
    d_mp = max(rel_diff(b, pb), rel_diff([b0], [pb0]) if intercept else 0.0)
    return lam, alpha, b, b0, v_rel, d_mp
for label, lam_g, alpha_g, intercept, ref in [
        ("glmnet ridge lam=0.1 no intercept", 0.1, 0.0, False, [0.0, -3.307532, 2.924206]),
        ("glmnet ridge lam=0.1 with intercept", 0.1, 0.0, True, [13.5356178, 3.2714044, 0.3770744]),
        ("glmnet enet lam=0.1 a=0.1 with intercept", 0.1, 0.1, True, [13.5631592, 3.2811513, 0.3725517])]:
    lam, alpha, b, b0, v_rel, d_mp = glmnet_equiv(lam_g, alpha_g, intercept)
    print(f"{label} -> ours lam={lam!r} alpha={alpha!r} (KKT rel {v_rel:.1e}, vs mp50 rel {d_mp:.1e})")
    show("   (b0, x1, x2)", [b0] + list(b), ref)
    glm.append(dict(name=f"sparkWLS_glmnet_{label.split()[1]}_{'int' if intercept else 'noint'}_nostd_w",
                    data="SparkWLSFixture", lam=lam, alpha=alpha, intercept=intercept, std=False,
                    weighted=True, coef=list(b), b0=b0, kkt=v_rel, mp=d_mp,
                    glmnet=(lam_g, alpha_g), rref=ref))
print()

# ----------------------------------------------------------------------------- metrics
print("## scikit-learn evaluation metrics, diabetes, OLS with intercept, on the training data")
def mets(ytrue, ypred, sw):
    mse = metrics.mean_squared_error(ytrue, ypred, sample_weight=sw)
    return dict(mse=mse, rmse=math.sqrt(mse),
                mae=metrics.mean_absolute_error(ytrue, ypred, sample_weight=sw),
                r2=metrics.r2_score(ytrue, ypred, sample_weight=sw),
                ev=metrics.explained_variance_score(ytrue, ypred, sample_weight=sw))
c_unw = get["diabetes_ols_int_nostd_unw"]; c_w = get["diabetes_ols_int_nostd_w"]
pred_unw = Xd @ np.array(c_unw["coef"]) + c_unw["b0"]
pred_w = Xd @ np.array(c_w["coef"]) + c_w["b0"]
METRICS = [
    ("unweightedFit_unweightedMetrics", "OLS fit without weights; metrics without sample_weight", mets(yd, pred_unw, None)),
    ("unweightedFit_weightedMetrics", "OLS fit without weights; metrics with sample_weight w", mets(yd, pred_unw, wd)),
    ("weightedFit_weightedMetrics", "WLS fit with weights w; metrics with sample_weight w", mets(yd, pred_w, wd)),
    ("weightedFit_unweightedMetrics", "WLS fit with weights w; metrics without sample_weight", mets(yd, pred_w, None)),
]
for n_, d_, m in METRICS:
    print(f"{n_} ({d_}):")
    for k, v in m.items():
        print(f"    {k} = {v!r}")
print()

# ----------------------------------------------------------------------------- Swift
def sd(v):
    if v is None:
        return "nil"
    v = float(v)
    if math.isinf(v):
        return "Double.infinity" if v > 0 else "-Double.infinity"
    r = repr(v)
    return r

def sarr(a):
    return "[" + ", ".join(sd(v) for v in a) + "]"

L = []
L.append("// LinearRegressionReferences.swift")
L.append("// GENERATED by Tests/References/linear_regression_references.py -- do not edit by hand.")
L.append(f"// python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, pandas {pd.__version__},")
L.append(f"// scikit-learn {sklearn.__version__}, statsmodels {statsmodels.__version__}, mpmath {mpmath.__version__}.")
L.append("//")
L.append("// Objective (mlfit LinearRegression), weights w, W = sum(w):")
L.append("//   (1/(2W)) sum w_i (y_i - x_i'b - b0)^2 + regParam * (elasticNetParam*||D b||_1 + (1-elasticNetParam)/2*||D b||^2)")
L.append("//   D = diag(sigma_j) (weighted population std, centred even without intercept) if standardization, else I.")
L.append("// Mapping used (standardization on: fit on X/sigma, then divide coefficients by sigma):")
L.append("//   elasticNetParam > 0: sklearn ElasticNet(alpha=regParam, l1_ratio=elasticNetParam, tol=1e-15,")
L.append("//                        max_iter=1e7), sample_weight=w")
L.append("//   elasticNetParam = 0: sklearn Ridge(alpha=regParam*W, solver='svd'), sample_weight=w")
L.append("//                        (= 2W x objective; cross-checked against ElasticNet(l1_ratio=0))")
L.append("//   regParam = 0:        statsmodels WLS/OLS(method='pinv')")
L.append("// Every case was verified against the KKT conditions of the objective and a 50-digit (mpmath)")
L.append(f"// solution on the same active set: worst relative KKT violation {worst[0]:.1e},")
L.append(f"// worst relative coefficient difference {worst_rel_mp[0]:.1e} (see linear_regression_references.txt).")
L.append("// Diabetes weights: w_i = 1 + (i mod 3), i = 0-based row index (DiabetesWeights.weight(row:)).")
L.append("")
L.append("/// Diabetes weighting used by the weighted reference cases.")
L.append("enum DiabetesWeights {")
L.append("    static let file = \"Datasets/diabetes.csv\"")
L.append("    static let label = \"target\"")
L.append("    static let features = [" + ", ".join(f'"{f}"' for f in FEATS) + "]")
L.append("    /// w_i = 1 + (i mod 3) for the 0-based row index i.")
L.append("    static let rule = \"1 + (row % 3)\"")
L.append("}")
L.append("")
L.append("/// Spark MLlib WeightedLeastSquaresSuite data (REFERENCES.md).")
L.append("enum SparkWLSFixture {")
L.append("    static let features: [[Double]] = [[0, 5], [1, 7], [2, 11], [3, 13]]")
L.append("    static let labels: [Double] = [17, 19, 23, 29]")
L.append("    static let weights: [Double] = [1, 2, 3, 4]")
L.append("}")
L.append("")
L.append("/// Coefficients for (regParam, elasticNetParam, fitIntercept, standardization, weighted).")
L.append("/// `data` is a CSV path (label `target`) or \"SparkWLSFixture\". intercept is 0 when fitIntercept is false.")
L.append("enum SklearnReference {")
L.append("    struct Case: Sendable {")
L.append("        let name: String")
L.append("        let data: String")
L.append("        let regParam: Double")
L.append("        let elasticNetParam: Double")
L.append("        let fitIntercept: Bool")
L.append("        let standardization: Bool")
L.append("        let weighted: Bool")
L.append("        let coefficients: [Double]")
L.append("        let intercept: Double")
L.append("        /// Max relative difference of these values to a 50-digit solution of the KKT system (accuracy bound).")
L.append("        let verifiedRelativeAccuracy: Double")
L.append("    }")
L.append("")
L.append("    static let cases: [Case] = [")
for c in cases:
    L.append("        Case(name: \"%s\", data: \"%s\", regParam: %s, elasticNetParam: %s, fitIntercept: %s, standardization: %s, weighted: %s,"
             % (c["name"], c["data"], sd(c["lam"]), sd(c["alpha"]), str(c["intercept"]).lower(), str(c["std"]).lower(), str(c["weighted"]).lower()))
    L.append("             coefficients: %s," % sarr(c["coef"]))
    L.append("             intercept: %s, verifiedRelativeAccuracy: %s)," % (sd(c["b0"]), "%.1e" % max(c["mp"], 1e-16)))
L.append("    ]")
L.append("")
L.append("    /// R glmnet cases of REFERENCES.md converted to this objective: regParam*elasticNetParam = lam*alpha,")
L.append("    /// regParam*(1-elasticNetParam) = lam*(1-alpha)/sigma_y, sigma_y = %s (weighted population std of labels)." % repr(sy))
L.append("    /// Coefficients computed with scikit-learn here; glmnet's printed values agree to about 1e-6.")
L.append("    static let glmnetEquivalentCases: [Case] = [")
for c in glm:
    L.append("        // glmnet lambda = %s, alpha = %s; R: (b0, x1, x2) = %s" % (c["glmnet"][0], c["glmnet"][1], c["rref"]))
    L.append("        Case(name: \"%s\", data: \"%s\", regParam: %s, elasticNetParam: %s, fitIntercept: %s, standardization: false, weighted: true,"
             % (c["name"], c["data"], sd(c["lam"]), sd(c["alpha"]), str(c["intercept"]).lower()))
    L.append("             coefficients: %s," % sarr(c["coef"]))
    L.append("             intercept: %s, verifiedRelativeAccuracy: %s)," % (sd(c["b0"]), "%.1e" % max(c["mp"], 1e-16)))
L.append("    ]")
L.append("}")
L.append("")
L.append("/// statsmodels OLS/WLS inference (method='pinv'). Arrays are in feature order; intercept values separate")
L.append("/// (nil without intercept). Without intercept R^2 and F are uncentred (statsmodels/R convention).")
L.append("/// rmse = sqrt(weighted RSS / sum(w)); residualStandardDeviation = sqrt(weighted RSS / dfResidual).")
L.append("enum StatsmodelsReference {")
L.append("    struct Fit: Sendable {")
for fld, ty in [("name", "String"), ("data", "String"), ("fitIntercept", "Bool"), ("weighted", "Bool"),
                ("coefficients", "[Double]"), ("intercept", "Double?"), ("standardErrors", "[Double]"),
                ("interceptStandardError", "Double?"), ("tValues", "[Double]"), ("interceptTValue", "Double?"),
                ("pValues", "[Double]"), ("interceptPValue", "Double?"), ("rSquared", "Double"),
                ("adjustedRSquared", "Double"), ("residualStandardDeviation", "Double"), ("fStatistic", "Double"),
                ("fPValue", "Double"), ("residualSumOfSquares", "Double"), ("rmse", "Double"),
                ("degreesOfFreedomResidual", "Double"), ("degreesOfFreedomModel", "Double")]:
    L.append(f"        let {fld}: {ty}")
L.append("    }")
L.append("")
L.append("    static let fits: [Fit] = [")
for f in sm_fits:
    L.append(f"        Fit(name: \"{f['name']}\", data: \"{f['data']}\", fitIntercept: {str(f['intercept']).lower()}, weighted: {str(f['weighted']).lower()},")
    L.append(f"            coefficients: {sarr(f['coef'])},")
    L.append(f"            intercept: {sd(f['b0'])},")
    L.append(f"            standardErrors: {sarr(f['se'])},")
    L.append(f"            interceptStandardError: {sd(f['se0'])},")
    L.append(f"            tValues: {sarr(f['t'])},")
    L.append(f"            interceptTValue: {sd(f['t0'])},")
    L.append(f"            pValues: {sarr(f['p'])},")
    L.append(f"            interceptPValue: {sd(f['p0'])},")
    L.append(f"            rSquared: {sd(f['r2'])}, adjustedRSquared: {sd(f['r2adj'])},")
    L.append(f"            residualStandardDeviation: {sd(f['sd'])}, fStatistic: {sd(f['F'])}, fPValue: {sd(f['Fp'])},")
    L.append(f"            residualSumOfSquares: {sd(f['rss'])}, rmse: {sd(f['rmse'])},")
    L.append(f"            degreesOfFreedomResidual: {sd(f['dfres'])}, degreesOfFreedomModel: {sd(f['dfmodel'])}),")
L.append("    ]")
L.append("}")
L.append("")
L.append("/// scikit-learn metrics (mean_squared_error, its square root, mean_absolute_error, r2_score,")
L.append("/// explained_variance_score) on the diabetes training data, OLS with intercept (fits above:")
L.append("/// diabetes_ols_int_nostd_unw / diabetes_ols_int_nostd_w). Weighted metrics use sample_weight = w.")
L.append("enum SklearnMetricsReference {")
L.append("    struct Metrics: Sendable {")
L.append("        let name: String")
L.append("        let fitWeighted: Bool")
L.append("        let metricsWeighted: Bool")
L.append("        let mse: Double")
L.append("        let rmse: Double")
L.append("        let mae: Double")
L.append("        let r2: Double")
L.append("        let explainedVariance: Double")
L.append("    }")
L.append("")
L.append("    static let diabetesOLS: [Metrics] = [")
for n_, d_, m in METRICS:
    fw = n_.startswith("weightedFit"); mw = n_.endswith("_weightedMetrics")
    L.append(f"        // {d_}")
    L.append(f"        Metrics(name: \"{n_}\", fitWeighted: {str(fw).lower()}, metricsWeighted: {str(mw).lower()},")
    L.append(f"                mse: {sd(m['mse'])}, rmse: {sd(m['rmse'])}, mae: {sd(m['mae'])}, r2: {sd(m['r2'])}, explainedVariance: {sd(m['ev'])}),")
L.append("    ]")
L.append("}")
SWIFT.write_text("\n".join(L) + "\n")
print(f"wrote {SWIFT.relative_to(ROOT)}")
