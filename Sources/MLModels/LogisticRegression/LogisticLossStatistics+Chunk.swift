import MLData
import MLNumerics

extension LogisticLossStatistics {
    /// The sums of one chunk at `parameters` (laid out as ``LogisticLossStatistics``
    /// describes). The chunk's labels are class codes `0..<K` (`K = 2` for the binomial
    /// family).
    ///
    /// Binomial: scores by one `dgemv`, the gradient by one `dgemv` on the residuals
    /// `wᵢ(σ(zᵢ) − yᵢ)`, the Hessian by one `dsyrk` on the block `√(wᵢσᵢ(1 − σᵢ))·x̃ᵢ`.
    /// Multinomial: scores by one `dgemm`, the gradient by one `dgemm` (`Rᵀ·X`), the Hessian's
    /// `K` diagonal blocks by `dsyrk` on `√(wᵢPᵢₖ(1 − Pᵢₖ))·x̃ᵢ` (with `1 − Pᵢₖ = Σ_{l≠k} Pᵢₗ`,
    /// free of cancellation) and its `K(K−1)/2` off-diagonal blocks by `dgemm` of
    /// `−wᵢPᵢₖPᵢₗ·x̃ᵢ` with `x̃ᵢ`.
    ///
    /// - Throws: ``ModelError/missingLabel`` for a chunk without labels, and
    ///   ``LogisticRegressionError/invalidClassCode(_:classCount:)`` for a label that is not
    ///   a class code.
    /// - Complexity: `O(n·q²·m(m+1)/2)` flops with the Hessian, `O(n·q·m)` without.
    public init(chunk: DataChunk, shape: Shape, classCount k: Int, parameters theta: [Double]) throws {
        let n = chunk.rowCount, p = chunk.featureCount
        self.init(zeroFor: shape)
        guard chunk.labels.count == n else { throw ModelError.missingLabel }
        guard p == shape.featureCount, theta.count == shape.parameterCount,
            shape.rows == 1 ? k == 2 : shape.rows == k
        else {
            throw LinearAlgebraError.dimensionMismatch(
                "logistic statistics of shape \(shape) for \(p) features, \(k) classes, \(theta.count) parameters")
        }
        guard n > 0 else { return }
        var codes = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let y = chunk.labels[i]
            guard y >= 0, y < Double(k), y.rounded(.towardZero) == y else {
                throw LogisticRegressionError.invalidClassCode(y, classCount: k)
            }
            codes[i] = Int(y)
        }
        let weights = chunk.weights.isEmpty ? [Double](repeating: 1, count: n) : chunk.weights
        for w in weights { weightSum += w }
        if shape.rows == 1 {
            binomial(chunk, codes: codes, weights: weights, theta: theta)
        } else {
            let q = shape.width
            // x̃ = [x, 1]: the augmented block, row-major n × q.
            var augmented = [Double](repeating: 1, count: n * q)
            chunk.features.withUnsafeBufferPointer { x in
                augmented.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        for j in 0..<p { out[i * q + j] = x[i * p + j] }
                    }
                }
            }
            multinomial(augmented, codes: codes, weights: weights, rows: n, width: q, classes: k, theta: theta)
        }
    }

    /// The binomial sums straight from the chunk's `n × p` features, with no augmented copy:
    /// `z = Xβ + β₀` by one `dgemv`; the gradient's feature part `Xᵀr` by one `dgemv` and its
    /// intercept part `Σrᵢ`; the Hessian's feature block by one `dsyrk` on `√dᵢ·xᵢ`
    /// (`dᵢ = wᵢσᵢ(1 − σᵢ)`), its intercept column `Xᵀd` by one `dgemv` and its corner `Σdᵢ`.
    /// One scaled copy of the block is the only buffer of the chunk's size.
    private mutating func binomial(_ chunk: DataChunk, codes: [Int], weights: [Double], theta: [Double]) {
        let n = chunk.rowCount, p = chunk.featureCount, q = shape.width
        var z = [Double](repeating: shape.fitIntercept ? theta[p] : 0, count: n)
        // An intercept-only model (p = 0) has no block to multiply.
        let x = chunk.features.elements
        if p > 0 { BLAS.multiplyAdd(x, rows: n, columns: p, by: theta, into: &z) }
        var residual = [Double](repeating: 0, count: n)
        var curvature = [Double](repeating: 0, count: n)
        var lossSum = 0.0, wrong = 0.0, residualSum = 0.0, curvatureSum = 0.0
        for i in 0..<n {
            let w = weights[i], zi = z[i]
            let positive = codes[i] == 1
            lossSum += w * (LogisticFunctions.softplus(zi) - (positive ? zi : 0))
            residual[i] = w * (LogisticFunctions.sigmoid(zi) - (positive ? 1 : 0))
            residualSum += residual[i]
            if positive ? !(zi > 0) : !(zi < 0) { wrong += w }
            curvature[i] = w * LogisticFunctions.sigmoidDerivative(zi)
            curvatureSum += curvature[i]
        }
        loss = lossSum
        misclassifiedWeight = wrong
        if p > 0 { gradient.replaceSubrange(0..<p, with: BLAS.transposedProduct(x, rows: n, columns: p, with: residual)) }
        if shape.fitIntercept { gradient[p] = residualSum }
        guard shape.hessian else { return }
        if p > 0 {
            // The feature block: one dsyrk on √dᵢ·xᵢ, written into the q × q upper triangle.
            var scaled = [Double](repeating: 0, count: n * p)
            x.withUnsafeBufferPointer { px in
                scaled.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        let root = curvature[i].squareRoot()
                        for j in 0..<p { out[i * p + j] = root * px[i * p + j] }
                    }
                }
            }
            scaled.withUnsafeBufferPointer { ps in
                hessian.withUnsafeMutableBufferPointer { ph in
                    guard let ps = ps.baseAddress, let ph = ph.baseAddress else { return }
                    BLAS.gramUpdate(ps, rows: n, columns: p, leadingDimension: p, into: ph, leadingDimensionC: q, beta: 0)
                }
            }
        }
        guard shape.fitIntercept else { return }
        if p > 0 {
            let column = BLAS.transposedProduct(x, rows: n, columns: p, with: curvature)
            for j in 0..<p { hessian[j * q + p] = column[j] }
        }
        hessian[p * q + p] = curvatureSum
    }

    private mutating func multinomial(
        _ a: [Double], codes: [Int], weights: [Double], rows n: Int, width q: Int, classes k: Int,
        theta: [Double]
    ) {
        // Scores Z = X̃·Θᵀ (n × K), Θ the K × q parameter matrix.
        var scores = [Double](repeating: 0, count: n * k)
        a.withUnsafeBufferPointer { pa in
            theta.withUnsafeBufferPointer { pt in
                scores.withUnsafeMutableBufferPointer { pz in
                    guard let pa = pa.baseAddress, let pt = pt.baseAddress, let pz = pz.baseAddress else { return }
                    BLAS.multiply(
                        pa, transposeA: false, pt, transposeB: true, m: n, n: k, k: q, lda: q, ldb: q,
                        into: pz, ldc: k)
                }
            }
        }
        var residual = [Double](repeating: 0, count: n * k)
        var lossSum = 0.0, wrong = 0.0
        scores.withUnsafeMutableBufferPointer { pz in
            guard let base = pz.baseAddress else { return }
            for i in 0..<n {
                let row = base + i * k
                let y = codes[i]
                let chosen = row[y]
                var strict = true
                for c in 0..<k where c != y && !(row[c] < chosen) { strict = false }
                let logNormalizer = LogisticFunctions.softmax(row, count: k)
                let w = weights[i]
                lossSum += w * (logNormalizer - chosen)
                if !strict { wrong += w }
                for c in 0..<k { residual[i * k + c] = w * (row[c] - (c == y ? 1 : 0)) }
            }
        }
        loss = lossSum
        misclassifiedWeight = wrong
        // G = Rᵀ·X̃ (K × q), already in parameter order.
        a.withUnsafeBufferPointer { pa in
            residual.withUnsafeBufferPointer { pr in
                gradient.withUnsafeMutableBufferPointer { pg in
                    guard let pa = pa.baseAddress, let pr = pr.baseAddress, let pg = pg.baseAddress else { return }
                    BLAS.multiply(
                        pr, transposeA: true, pa, transposeB: false, m: k, n: q, k: n, lda: k, ldb: q,
                        into: pg, ldc: q)
                }
            }
        }
        guard shape.hessian else { return }
        let size = k * q
        var block = [Double](repeating: 0, count: n * q)
        for c in 0..<k {
            // Diagonal block: √(w·P_c·(1 − P_c))·x̃, with 1 − P_c summed from the other classes.
            for i in 0..<n {
                var others = 0.0
                for l in 0..<k where l != c { others += scores[i * k + l] }
                let root = (weights[i] * scores[i * k + c] * others).squareRoot()
                for j in 0..<q { block[i * q + j] = root * a[i * q + j] }
            }
            block.withUnsafeBufferPointer { pb in
                hessian.withUnsafeMutableBufferPointer { ph in
                    guard let pb = pb.baseAddress, let ph = ph.baseAddress else { return }
                    BLAS.gramUpdate(
                        pb, rows: n, columns: q, leadingDimension: q, into: ph + c * q * size + c * q,
                        leadingDimensionC: size, beta: 0)
                }
            }
            for l in (c + 1)..<max(c + 1, k) {
                for i in 0..<n {
                    let factor = -weights[i] * scores[i * k + c] * scores[i * k + l]
                    for j in 0..<q { block[i * q + j] = factor * a[i * q + j] }
                }
                block.withUnsafeBufferPointer { pb in
                    a.withUnsafeBufferPointer { pa in
                        hessian.withUnsafeMutableBufferPointer { ph in
                            guard let pb = pb.baseAddress, let pa = pa.baseAddress, let ph = ph.baseAddress else { return }
                            BLAS.multiply(
                                pb, transposeA: true, pa, transposeB: false, m: q, n: q, k: n, lda: q, ldb: q,
                                into: ph + c * q * size + l * q, ldc: size)
                        }
                    }
                }
            }
        }
    }
}
