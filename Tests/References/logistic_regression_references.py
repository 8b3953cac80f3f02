#!/usr/bin/env python3
"""Independent reference values for mlfit's LogisticRegression (scikit-learn).

Run from the repository root:
    python3 Tests/References/logistic_regression_references.py > Tests/References/logistic_regression_references.txt
It also writes Datasets/logistic_synthetic.csv (the generated set, fixed seed) and
Tests/MLModelsTests/Reference/LogisticRegressionReferences.swift.

Objective of mlfit's LogisticRegression (weights w, W = sum(w), K classes):
    F = (1/W) * sum_i w_i * logloss_i + lam * (alpha*||B D||_1 + (1-alpha)/2*||B D||_2^2)
D = diag(sigma_j) with standardization on (weighted population std, centred), I with it off;
intercepts unpenalized. Binomial: one row (the second class), logloss = log(1+e^z) - y z.
Multinomial: one row per class, softmax, logloss = logsumexp(z) - z_y; intercepts centred.

Mapping to scikit-learn (its objective is (1/W) sum w logloss + (1/(C W)) * penalty, so
C = 1/(lam*W); standardization on = fit on Z = X / sigma, then B = G / sigma):
  * L2 (alpha = 0): LogisticRegression(C=1/(lam*W) or inf, l1_ratio=0, solver='newton-cholesky',
    tol=1e-12, max_iter=10000), sample_weight=w.  Cross-checked with solver='lbfgs' (tol 1e-12).
  * L1 / elastic net: solver='saga', l1_ratio=alpha, tol=1e-14, max_iter=10**6, on well-scaled
    (standardized) data; then, as saga stops short, the smooth problem on saga's support with
    its signs fixed is solved by Newton in float64 (scipy-free, numpy only) to KKT residual
    ~1e-15; both KKT residuals are printed.
Verification (not trusting any solver): the KKT residual of F (max-norm of the minimum-norm
subgradient with respect to the standardized coefficients and the intercepts) is printed for
every case, and every value is what the test compares to with tolerance 1e-6 in
max|delta| / max|value| over the coefficients and intercepts.
"""
import platform
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[2]
SWIFT = ROOT / "Tests/MLModelsTests/Reference/LogisticRegressionReferences.swift"
SYNTH = ROOT / "Datasets/logistic_synthetic.csv"


# ----------------------------------------------------------------------------- data
def make_synthetic():
    """600 rows, 4 features on different scales, a weight column, a binary and a 3-class
    text label drawn from a logistic model (so the classes overlap: the unpenalized MLE exists)."""
    rng = np.random.default_rng(20251202)
    n = 600
    X = rng.normal(size=(n, 4)) * np.array([1.0, 3.0, 0.5, 10.0]) + np.array([0.0, 1.0, -2.0, 5.0])
    w = np.round(rng.uniform(0.5, 2.0, size=n), 3)
    z = 0.8 * X[:, 0] - 0.3 * X[:, 1] + 1.5 * X[:, 2] + 0.05 * X[:, 3] + 2.5
    yb = np.where(rng.uniform(size=n) < 1 / (1 + np.exp(-z)), "yes", "no")
    Z = np.stack([np.zeros(n), 0.7 * X[:, 0] - 0.2 * X[:, 1] + 0.3,
                  -0.5 * X[:, 0] + 1.2 * X[:, 2] + 0.1 * X[:, 3] + 1.0], axis=1)
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    u = rng.uniform(size=n)
    idx = (u[:, None] > np.cumsum(P, axis=1)).sum(axis=1)
    names = np.array(["red", "green", "blue"])
    ym = names[np.minimum(idx, 2)]
    df = pd.DataFrame({"x1": np.round(X[:, 0], 6), "x2": np.round(X[:, 1], 6), "x3": np.round(X[:, 2], 6),
                       "x4": np.round(X[:, 3], 6), "w": w, "ybin": yb, "ymulti": ym})
    df.to_csv(SYNTH, index=False)
    return df


synthetic = make_synthetic()
bc = pd.read_csv(ROOT / "Datasets/breast_cancer.csv")
iris = pd.read_csv(ROOT / "Datasets/iris.csv")


def rowweights(n):
    return np.array([1.0 + (i % 3) for i in range(n)])  # w_i = 1 + (i mod 3), 0-based


DATA = {
    # name: (path, label, feature names, X, class labels as strings, weights used when weighted, weight column)
    "breast_cancer": ("Datasets/breast_cancer.csv", "target", [c for c in bc.columns if c != "target"]),
    "iris": ("Datasets/iris.csv", "species", [c for c in iris.columns if c != "species"]),
    "synthetic_bin": ("Datasets/logistic_synthetic.csv", "ybin", ["x1", "x2", "x3", "x4"]),
    "synthetic_multi": ("Datasets/logistic_synthetic.csv", "ymulti", ["x1", "x2", "x3", "x4"]),
}
FRAMES = {"breast_cancer": bc, "iris": iris, "synthetic_bin": synthetic, "synthetic_multi": synthetic}


def load(name, weighted):
    path, label, feats = DATA[name]
    df = FRAMES[name]
    X = df[feats].to_numpy(float)
    raw = df[label].astype(str).to_numpy()
    # mlfit's class order: numeric order when every label is a number, else UTF-8 byte order.
    try:
        values = sorted(set(raw), key=float)
    except ValueError:
        values = sorted(set(raw), key=lambda s: s.encode())
    y = np.array([values.index(v) for v in raw])
    if not weighted:
        w = np.ones(len(y))
    elif name.startswith("synthetic"):
        w = df["w"].to_numpy(float)
    else:
        w = rowweights(len(y))
    return X, y, w, values, feats, path, label


def wstd(X, w):
    W = w.sum()
    mu = (w[:, None] * X).sum(0) / W
    return np.sqrt((w[:, None] * (X - mu) ** 2).sum(0) / W)


# ----------------------------------------------------------------------------- objective
def unpack(theta, m, p, intercept):
    q = p + (1 if intercept else 0)
    T = theta.reshape(m, q)
    return T[:, :p], (T[:, p] if intercept else np.zeros(m))


def loss_grad_hess(X, y, w, B, b, K, multinomial):
    """(1/W) sum w logloss, its gradient (m x q flattened over [x,1]) and Hessian."""
    W = w.sum()
    n, p = X.shape
    Xt = np.hstack([X, np.ones((n, 1))])
    if not multinomial:
        z = X @ B[0] + b[0]
        loss = (w * (np.logaddexp(0, z) - (y == 1) * z)).sum() / W
        s = 1 / (1 + np.exp(-z))
        g = Xt.T @ (w * (s - (y == 1))) / W
        H = (Xt * (w * s * (1 - s))[:, None]).T @ Xt / W
        return loss, g[None, :], H
    Z = X @ B.T + b
    lse = np.logaddexp.reduce(Z, axis=1)
    loss = (w * (lse - Z[np.arange(n), y])).sum() / W
    P = np.exp(Z - lse[:, None])
    Y = np.eye(K)[y]
    G = (w[:, None] * (P - Y)).T @ Xt / W
    q = p + 1
    H = np.zeros((K * q, K * q))
    for k in range(K):
        for l in range(K):
            c = w * P[:, k] * ((k == l) - P[:, l])
            H[k * q:(k + 1) * q, l * q:(l + 1) * q] = (Xt * c[:, None]).T @ Xt / W
    return loss, G, H


def kkt(X, y, w, K, multinomial, lam, alpha, intercept, sig, B, b):
    """Objective and max-norm of the minimum-norm subgradient w.r.t. (sigma*B, b)."""
    d = sig  # penalty scale
    loss, G, _ = loss_grad_hess(X, y, w, B, b, K, multinomial)
    p = X.shape[1]
    g = G[:, :p] + lam * (1 - alpha) * d ** 2 * B
    c = lam * alpha * d * np.ones_like(B)
    sub = np.where(B != 0, g + c * np.sign(B), np.maximum(np.abs(g) - c, 0))
    scale = wstd(X, w)
    worst = np.max(np.abs(sub) / scale)
    if intercept:
        worst = max(worst, np.max(np.abs(G[:, p])))
    F = loss + lam * (alpha * np.abs(B * d).sum() + (1 - alpha) / 2 * ((B * d) ** 2).sum())
    return F, worst


# ----------------------------------------------------------------------------- fits
def sk_fit(X, y, w, lam, alpha, intercept, standardize, solver, tol):
    W = w.sum()
    sig = wstd(X, w)
    Z = X / sig if standardize else X
    C = np.inf if lam == 0 else 1 / (lam * W)
    kwargs = dict(C=C, fit_intercept=intercept, solver=solver, tol=tol, max_iter=10 ** 6 if solver == "saga" else 10000)
    if lam > 0:
        kwargs["l1_ratio"] = alpha
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = LogisticRegression(**kwargs).fit(Z, y, sample_weight=w)
    B = m.coef_ / sig if standardize else m.coef_.copy()
    b = m.intercept_.copy() if intercept else np.zeros(B.shape[0])
    if B.shape[0] > 1:
        b = b - b.mean()
        if lam == 0:
            B = B - B.mean(axis=0)
    return B, b, m.n_iter_.max()


def polish_l1(X, y, w, K, multinomial, lam, alpha, intercept, standardize, B, b):
    """Newton on the support of B with the signs fixed (the L1 term is then linear)."""
    W = w.sum()
    sig = wstd(X, w)
    d = sig if standardize else np.ones(X.shape[1])
    m, p = B.shape
    q = p + 1
    support = np.concatenate([np.append(B[r] != 0, intercept) for r in range(m)])
    sign = np.concatenate([np.append(np.sign(B[r]), 0.0) for r in range(m)])
    l1 = np.concatenate([np.append(lam * alpha * d, 0.0) for _ in range(m)])
    l2 = np.concatenate([np.append(lam * (1 - alpha) * d ** 2, 0.0) for _ in range(m)])
    theta = np.concatenate([np.append(B[r], b[r]) for r in range(m)])
    for _ in range(50):
        Bc, bc_ = theta.reshape(m, q)[:, :p], theta.reshape(m, q)[:, p]
        _, G, H = loss_grad_hess(X, y, w, Bc, bc_, K, multinomial)
        g = G.reshape(-1) + l2 * theta + l1 * sign
        Hs = H + np.diag(l2)
        idx = np.where(support)[0]
        if multinomial and intercept:
            # intercepts are flat across classes: pin their sum with a rank-one term
            ii = [r * q + p for r in range(m)]
            Hs[np.ix_(ii, ii)] += Hs[ii, ii].mean()
        step = np.linalg.solve(Hs[np.ix_(idx, idx)], g[idx])
        theta[idx] -= step
        if np.max(np.abs(step)) < 1e-15 * max(1, np.max(np.abs(theta))):
            break
    T = theta.reshape(m, q)
    Bp, bp = T[:, :p], (T[:, p] if intercept else np.zeros(m))
    if m > 1:
        bp = bp - bp.mean()
    assert np.all(np.sign(Bp) == np.sign(B)), "polish changed a sign"
    return Bp, bp


CASES = []


def case(name, data, lam, alpha=0.0, intercept=True, standardize=False, weighted=False, family="auto"):
    X, y, w, classes, feats, path, label = load(data, weighted)
    K = len(classes)
    multinomial = family == "multinomial" or (family == "auto" and K > 2)
    sig = wstd(X, w)
    d = sig if standardize else np.ones(X.shape[1])
    if multinomial and K == 2:
        # scikit-learn fits two classes binomially. A 2-class softmax with L2 weight lam has rows
        # (-beta/2, beta/2) where beta is the binomial fit with weight lam/2 (the penalty on both
        # rows is lam/2*2*|beta/2|^2 = (lam/2)/2*|beta|^2); intercepts likewise (-b/2, b/2).
        assert alpha == 0
        B1, b1, it = sk_fit(X, y, w, lam / 2, 0.0, intercept, standardize, "newton-cholesky", 1e-12)
        B = np.vstack([-B1 / 2, B1 / 2])
        b = np.array([-b1[0] / 2, b1[0] / 2])
        src = f"sklearn newton-cholesky binomial at regParam/2 (tol 1e-12, {it} it), rows -beta/2, beta/2"
    elif alpha == 0:
        B, b, it = sk_fit(X, y, w, lam, alpha, intercept, standardize, "newton-cholesky", 1e-12)
        B2, b2, _ = sk_fit(X, y, w, lam, alpha, intercept, standardize, "lbfgs", 1e-12)
        scale = max(np.abs(B).max(), np.abs(b).max())
        cross = max(np.abs(B - B2).max(), np.abs(b - b2).max()) / scale
        src = f"sklearn newton-cholesky (tol 1e-12, {it} it); lbfgs rel diff {cross:.2e}"
    else:
        B0, b0, it = sk_fit(X, y, w, lam, alpha, intercept, standardize, "saga", 1e-14)
        F0, k0 = kkt(X, y, w, K, multinomial, lam, alpha, intercept, d, B0, b0)
        B, b = polish_l1(X, y, w, K, multinomial, lam, alpha, intercept, standardize, B0, b0)
        scale = max(np.abs(B).max(), np.abs(b).max())
        cross = max(np.abs(B - B0).max(), np.abs(b - b0).max()) / scale
        src = f"sklearn saga (tol 1e-14, {it} it, KKT {k0:.1e}) polished by Newton on its support; saga rel diff {cross:.2e}"
    F, k = kkt(X, y, w, K, multinomial, lam, alpha, intercept, d, B, b)
    print(f"{name}: {src}; KKT residual {k:.2e}; objective {float(F)!r}")
    print(f"    coefficients = {B.tolist()}")
    print(f"    intercepts = {b.tolist()}")
    CASES.append(dict(name=name, path=path, label=label, features=feats, weighted=weighted,
                      weightCol="w" if weighted and data.startswith("synthetic") else None,
                      lam=lam, alpha=alpha, intercept=intercept, standardize=standardize,
                      family=family, classes=classes, B=B, b=b, F=F, kkt=k))


print("# logistic_regression_references.py")
print(f"# python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
      f"pandas {pd.__version__}, scikit-learn {sklearn.__version__}")
print("# breast_cancer / iris weights: w_i = 1 + (i mod 3), i = 0-based row index; synthetic: its column w")
print()

# Binomial: breast cancer (unscaled features: ill-conditioned, a good test of Newton)
case("bc_l2_0.01", "breast_cancer", 0.01)
case("bc_l2_0.001_weighted", "breast_cancer", 0.001, weighted=True)
case("bc_l2_0.01_nointercept", "breast_cancer", 0.01, intercept=False)
case("bc_l2_0.01_std", "breast_cancer", 0.01, standardize=True)
case("bc_l2_0.001_std_weighted", "breast_cancer", 0.001, standardize=True, weighted=True)
# Multinomial: iris
case("iris_l2_0.01", "iris", 0.01)
case("iris_l2_0.1_weighted", "iris", 0.1, weighted=True)
case("iris_l2_0.01_nointercept", "iris", 0.01, intercept=False)
case("iris_l2_0.01_std_weighted", "iris", 0.01, standardize=True, weighted=True)
# Generated set: unpenalized (the classes overlap), weighted, both families
case("synth_bin_mle", "synthetic_bin", 0.0)
case("synth_bin_mle_weighted", "synthetic_bin", 0.0, weighted=True)
case("synth_multi_mle_weighted", "synthetic_multi", 0.0, weighted=True)
case("synth_multi_l2_0.05_std", "synthetic_multi", 0.05, standardize=True)
case("synth_bin_multinomial_family", "synthetic_bin", 0.01, family="multinomial")
# L1 and elastic net (saga, standardized)
case("synth_bin_l1_0.02_std", "synthetic_bin", 0.02, alpha=1.0, standardize=True)
case("synth_bin_l1_0.1_weighted", "synthetic_bin", 0.1, alpha=1.0, weighted=True)
case("synth_multi_enet_0.02_0.5_std_weighted", "synthetic_multi", 0.02, alpha=0.5, standardize=True, weighted=True)
case("iris_enet_0.01_0.3_std", "iris", 0.01, alpha=0.3, standardize=True)


# ----------------------------------------------------------------------------- Swift
def fmt(x):
    return repr(float(x))


def arr(a):
    return "[" + ", ".join(fmt(v) for v in a) + "]"


lines = [
    "// LogisticRegressionReferences.swift",
    "// GENERATED by Tests/References/logistic_regression_references.py -- do not edit by hand.",
    f"// python {platform.python_version()}, numpy {np.__version__}, scikit-learn {sklearn.__version__}.",
    "// scikit-learn LogisticRegression with C = 1/(regParam * W) (standardization on: fit on X/sigma,",
    "// coefficients divided by sigma): newton-cholesky at tol 1e-12 for L2 (cross-checked with lbfgs),",
    "// saga at tol 1e-14 polished by Newton on its support for L1 / elastic net. The KKT residual of",
    "// each case is in logistic_regression_references.txt.",
    "// breast_cancer / iris weights: w_i = 1 + (i mod 3); synthetic: its column 'w'.",
    "",
    "enum LogisticReference {",
    "    struct Case: Sendable, CustomStringConvertible {",
    "        let name: String",
    "        let file: String",
    "        let label: String",
    "        let features: [String]",
    "        /// Weighted with w_i = 1 + (i mod 3) (weightColumn nil) or by the file's column.",
    "        let weighted: Bool",
    "        let weightColumn: String?",
    "        let regParam: Double",
    "        let elasticNetParam: Double",
    "        let fitIntercept: Bool",
    "        let standardization: Bool",
    "        let family: String",
    "        let classes: [String]",
    "        let coefficients: [[Double]]",
    "        let intercepts: [Double]",
    "        let objective: Double",
    "        /// The reference's own KKT residual (max-norm, standardized scale).",
    "        let kktResidual: Double",
    "        var description: String { name }",
    "    }",
    "",
    "    static let cases: [Case] = [",
]
for c in CASES:
    wc = f'"{c["weightCol"]}"' if c["weightCol"] else "nil"
    lines += [
        "        Case(",
        f'            name: "{c["name"]}", file: "{c["path"]}", label: "{c["label"]}",',
        "            features: [" + ", ".join(f'"{f}"' for f in c["features"]) + "],",
        f'            weighted: {str(c["weighted"]).lower()}, weightColumn: {wc}, regParam: {fmt(c["lam"])},',
        f'            elasticNetParam: {fmt(c["alpha"])}, fitIntercept: {str(c["intercept"]).lower()},',
        f'            standardization: {str(c["standardize"]).lower()}, family: "{c["family"]}",',
        "            classes: [" + ", ".join(f'"{v}"' for v in c["classes"]) + "],",
        "            coefficients: [" + ", ".join(arr(r) for r in c["B"]) + "],",
        f'            intercepts: {arr(c["b"])}, objective: {fmt(c["F"])}, kktResidual: {fmt(c["kkt"])}),',
    ]
lines += ["    ]", "}", ""]
SWIFT.write_text("\n".join(lines))
print()
print(f"wrote {SWIFT.relative_to(ROOT)} and {SYNTH.relative_to(ROOT)}")
