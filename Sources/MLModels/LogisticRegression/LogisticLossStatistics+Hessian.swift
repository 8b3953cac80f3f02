import MLNumerics

/// The precision a Hessian's blocks are summed in: `Double` for the exact Hessian, `Float` for
/// a row sample. A sample's own relative error, about `√(parameters / rows)` (0.18 for the
/// benchmark fits), dwarfs single precision's rounding — below 10⁻⁶ relative over a chunk's
/// few hundred sampled rows, summed in double across chunks — and `ssyrk`/`sgemm` take half
/// the time of their double versions. What single precision could spoil is only the rate of a
/// few sampled steps on very ill-conditioned data: the gradient stays exact, and after
/// ``LogisticFit/sampledHessianSteps`` steps a fit sums the exact Hessian in double.
/// (`SIMDScalar` for the scaled copies four values at a time; `Codable` as its vectors are.)
protocol HessianScalar: BinaryFloatingPoint, SIMDScalar, Codable {
    init(_ value: Double)
    /// The upper triangle of `C ← AᵀA` for a row-major `n × q` block `A`, rows `lda` apart (`?syrk`).
    static func gram(
        _ a: UnsafePointer<Self>, rows n: Int, columns q: Int, lda: Int, into c: UnsafeMutablePointer<Self>, ldc: Int)
    /// `C ← AᵀB` for row-major `n × q` blocks `A` and `B`, rows `lda` apart (`?gemm`).
    static func crossProduct(
        _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, rows n: Int, columns q: Int, lda: Int,
        into c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Double: HessianScalar {
    static func gram(
        _ a: UnsafePointer<Double>, rows n: Int, columns q: Int, lda: Int, into c: UnsafeMutablePointer<Double>,
        ldc: Int
    ) {
        BLAS.gramUpdate(a, rows: n, columns: q, leadingDimension: lda, into: c, leadingDimensionC: ldc, beta: 0)
    }
    static func crossProduct(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, rows n: Int, columns q: Int, lda: Int,
        into c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLAS.multiply(a, transposeA: true, b, transposeB: false, m: q, n: q, k: n, lda: lda, ldb: lda, into: c, ldc: ldc)
    }
}

extension Float: HessianScalar {
    static func gram(
        _ a: UnsafePointer<Float>, rows n: Int, columns q: Int, lda: Int, into c: UnsafeMutablePointer<Float>,
        ldc: Int
    ) {
        BLAS.gramUpdate(a, rows: n, columns: q, leadingDimension: lda, into: c, leadingDimensionC: ldc, beta: 0)
    }
    static func crossProduct(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, rows n: Int, columns q: Int, lda: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        BLAS.multiply(a, transposeA: true, b, transposeB: false, m: q, n: q, k: n, lda: lda, ldb: lda, into: c, ldc: ldc)
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
    ///
    /// The rows are copied `ld` apart (`q` rounded up to 4), so that each scaled copy is made
    /// four values at a time; element by element, the `K(K+1)/2` copies took half as long as
    /// the products.
    mutating func multinomialHessian<Scalar: HessianScalar>(
        _: Scalar.Type, _ rows: [Double], probabilities: [Double], weights: [Double], rows n: Int,
        width q: Int, classes k: Int, uniform: Bool = false
    ) {
        let size = k * q, ld = (q + 3) / 4 * 4
        var a = [Scalar](repeating: 0, count: n * ld)
        for i in 0..<n {
            for j in 0..<q { a[i * ld + j] = Scalar(rows[i * q + j]) }
        }
        var block = [Scalar](repeating: 0, count: n * ld)
        // With `uniform`, the one Gram; else the blocks, in `sums` at `size` apart.
        var sums = [Scalar](repeating: 0, count: uniform ? q * q : size * size)
        a.withUnsafeBufferPointer { pa in
            block.withUnsafeMutableBufferPointer { pb in
                sums.withUnsafeMutableBufferPointer { ph in
                    probabilities.withUnsafeBufferPointer { p in
                        weights.withUnsafeBufferPointer { w in
                            guard let a = pa.baseAddress, let b = pb.baseAddress, let h = ph.baseAddress else { return }
                            if uniform {
                                for i in 0..<n {
                                    Self.scale(a + i * ld, by: Scalar(w[i].squareRoot()), width: ld, into: b + i * ld)
                                }
                                Scalar.gram(b, rows: n, columns: q, lda: ld, into: h, ldc: q)
                                return
                            }
                            for c in 0..<k {
                                for i in 0..<n {
                                    var others = 0.0
                                    for l in 0..<k where l != c { others += p[i * k + l] }
                                    let root = Scalar((w[i] * p[i * k + c] * others).squareRoot())
                                    Self.scale(a + i * ld, by: root, width: ld, into: b + i * ld)
                                }
                                Scalar.gram(b, rows: n, columns: q, lda: ld, into: h + c * q * size + c * q, ldc: size)
                                for l in (c + 1)..<max(c + 1, k) {
                                    for i in 0..<n {
                                        let factor = Scalar(-w[i] * p[i * k + c] * p[i * k + l])
                                        Self.scale(a + i * ld, by: factor, width: ld, into: b + i * ld)
                                    }
                                    Scalar.crossProduct(
                                        b, a, rows: n, columns: q, lda: ld, into: h + c * q * size + l * q, ldc: size)
                                }
                            }
                        }
                    }
                }
            }
        }
        // Into double precision, the blocks on and above the diagonal only (the others are 0).
        sums.withUnsafeBufferPointer { sums in
            hessian.withUnsafeMutableBufferPointer { hessian in
                guard uniform else {
                    for r in 0..<size {
                        for t in (r / q * q)..<size { hessian[r * size + t] = Double(sums[r * size + t]) }
                    }
                    return
                }
                let share = 1 / Double(k)
                for c in 0..<k {
                    for l in c..<k {
                        let factor = (c == l ? share : 0) - share * share
                        for r in 0..<q {
                            // Diagonal blocks keep their upper triangle only, as `syrk` leaves them.
                            for t in (c == l ? r : 0)..<q {
                                let entry = Double(t >= r ? sums[r * q + t] : sums[t * q + r])
                                hessian[(c * q + r) * size + l * q + t] = factor * entry
                            }
                        }
                    }
                }
            }
        }
    }

    /// `destination[j] = factor·source[j]` for `j < width`, four at a time (`width` a multiple of 4).
    @inline(__always)
    private static func scale<Scalar: HessianScalar>(
        _ source: UnsafePointer<Scalar>, by factor: Scalar, width: Int, into destination: UnsafeMutablePointer<Scalar>
    ) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        let stride = MemoryLayout<SIMD4<Scalar>>.stride
        let f = SIMD4<Scalar>(repeating: factor)
        for v in 0..<(width / 4) {
            to.storeBytes(
                of: f * from.loadUnaligned(fromByteOffset: v * stride, as: SIMD4<Scalar>.self),
                toByteOffset: v * stride, as: SIMD4<Scalar>.self)
        }
    }
}
