import MLNumerics

/// The precision a Hessian's blocks are summed in: `Double` for the exact Hessian, `Float` for
/// a row sample. A sample's own relative error, about `√(parameters / rows)` (0.18 for the
/// benchmark fits), dwarfs single precision's rounding — below 10⁻⁶ relative over a chunk's
/// few hundred sampled rows, summed in double across chunks — and `ssyrk`/`sgemm` take half
/// the time of their double versions. What single precision could spoil is only the rate of a
/// few sampled steps on very ill-conditioned data: the gradient stays exact, and after
/// ``LogisticFit/sampledHessianSteps`` steps a fit sums the exact Hessian in double.
protocol HessianScalar: BinaryFloatingPoint {
    init(_ value: Double)
    /// The upper triangle of `C ← AᵀA` for a row-major `n × q` block `A` (`?syrk`).
    static func gram(_ a: UnsafePointer<Self>, rows n: Int, columns q: Int, into c: UnsafeMutablePointer<Self>, ldc: Int)
    /// `C ← AᵀB` for row-major `n × q` blocks `A` and `B` (`?gemm`).
    static func crossProduct(
        _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, rows n: Int, columns q: Int,
        into c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Double: HessianScalar {
    static func gram(_ a: UnsafePointer<Double>, rows n: Int, columns q: Int, into c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.gramUpdate(a, rows: n, columns: q, leadingDimension: q, into: c, leadingDimensionC: ldc, beta: 0)
    }
    static func crossProduct(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, rows n: Int, columns q: Int,
        into c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.multiply(a, transposeA: true, b, transposeB: false, m: q, n: q, k: n, lda: q, ldb: q, into: c, ldc: ldc)
    }
}

extension Float: HessianScalar {
    static func gram(_ a: UnsafePointer<Float>, rows n: Int, columns q: Int, into c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLAS.gramUpdate(a, rows: n, columns: q, leadingDimension: q, into: c, leadingDimensionC: ldc, beta: 0)
    }
    static func crossProduct(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, rows n: Int, columns q: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.multiply(a, transposeA: true, b, transposeB: false, m: q, n: q, k: n, lda: q, ldb: q, into: c, ldc: ldc)
    }
}

extension LogisticLossStatistics {
    /// The multinomial Hessian's blocks over `n` rows of `x̃` (`q` wide) with their class
    /// probabilities, summed in `Scalar` and stored in ``hessian``: block `(c, c)` by one
    /// `syrk` on `√(w·P_c·(1 − P_c))·x̃` (with `1 − P_c` summed from the other classes, free of
    /// cancellation), block `(c, l)`, `l > c`, by one `gemm` of `−w·P_c·P_l·x̃` with `x̃`.
    ///
    /// At `θ = 0` every row has `P = 1/K`, so block `(c, l)` is `([c = l]/K − 1/K²)·Σ w·x̃x̃ᵀ`:
    /// one `syrk` for all `K(K+1)/2` blocks (`uniform`).
    mutating func multinomialHessian<Scalar: HessianScalar>(
        _: Scalar.Type, _ rows: [Double], probabilities scores: [Double], weights: [Double], rows n: Int,
        width q: Int, classes k: Int, uniform: Bool = false
    ) {
        let size = k * q
        let a = rows.map { Scalar($0) }
        var block = [Scalar](repeating: 0, count: n * q)
        if uniform {
            var gram = [Scalar](repeating: 0, count: q * q)
            for i in 0..<n {
                let root = Scalar(weights[i].squareRoot())
                for j in 0..<q { block[i * q + j] = root * a[i * q + j] }
            }
            block.withUnsafeBufferPointer { pb in
                gram.withUnsafeMutableBufferPointer { pg in
                    guard let b = pb.baseAddress, let g = pg.baseAddress else { return }
                    Scalar.gram(b, rows: n, columns: q, into: g, ldc: q)
                }
            }
            let share = 1 / Double(k)
            for c in 0..<k {
                for l in c..<k {
                    let factor = (c == l ? share : 0) - share * share
                    for r in 0..<q {
                        // Diagonal blocks keep their upper triangle only, as `syrk` leaves them.
                        for t in (c == l ? r : 0)..<q {
                            let entry = Double(t >= r ? gram[r * q + t] : gram[t * q + r])
                            hessian[(c * q + r) * size + l * q + t] = factor * entry
                        }
                    }
                }
            }
            return
        }
        var sums = [Scalar](repeating: 0, count: size * size)
        a.withUnsafeBufferPointer { pa in
            block.withUnsafeMutableBufferPointer { pb in
                sums.withUnsafeMutableBufferPointer { ph in
                    guard let a = pa.baseAddress, let b = pb.baseAddress, let h = ph.baseAddress else { return }
                    for c in 0..<k {
                        for i in 0..<n {
                            var others = 0.0
                            for l in 0..<k where l != c { others += scores[i * k + l] }
                            let root = Scalar((weights[i] * scores[i * k + c] * others).squareRoot())
                            for j in 0..<q { b[i * q + j] = root * a[i * q + j] }
                        }
                        Scalar.gram(b, rows: n, columns: q, into: h + c * q * size + c * q, ldc: size)
                        for l in (c + 1)..<max(c + 1, k) {
                            for i in 0..<n {
                                let factor = Scalar(-weights[i] * scores[i * k + c] * scores[i * k + l])
                                for j in 0..<q { b[i * q + j] = factor * a[i * q + j] }
                            }
                            Scalar.crossProduct(b, a, rows: n, columns: q, into: h + c * q * size + l * q, ldc: size)
                        }
                    }
                }
            }
        }
        for i in hessian.indices { hessian[i] = Double(sums[i]) }
    }
}
