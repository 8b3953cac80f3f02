import Foundation
import MLData
import MLEngine
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
    /// `−wᵢPᵢₖPᵢₗ·x̃ᵢ` with `x̃ᵢ` — in single precision over a row sample (`HessianScalar`).
    ///
    /// - Throws: ``ModelError/missingLabel`` for a chunk without labels, and
    ///   ``LogisticRegressionError/invalidClassCode(_:classCount:)`` for a label that is not
    ///   a class code.
    /// The Hessian sums over the rows `hessianRows` selects; everything else over every row.
    /// `eachWindow` is called with each cache window's rows before the kernel reads them, so
    /// that a caller can gather more sums from the rows while they are in cache.
    ///
    /// - Complexity: `O(n·q²·m(m+1)/2 / stride)` flops with the Hessian, `O(n·q·m)` without.
    public init(
        chunk: DataChunk, shape: Shape, classCount k: Int, parameters theta: [Double],
        hessianRows: HessianRows = .all, eachWindow: (Range<Int>) -> Void = { _ in }
    ) throws {
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
        var codes = [Int32](repeating: 0, count: n)
        for i in 0..<n { codes[i] = Int32(try Self.classCode(chunk.labels[i], classCount: k)) }
        let weights = chunk.weights.isEmpty ? [Double](repeating: 1, count: n) : chunk.weights
        if chunk.weights.isEmpty {
            weightSum = Double(n)
        } else {
            for w in weights { weightSum += w }
        }
        // At θ = 0, where every fit starts, every score is 0: no product with the rows, and
        // each row's loss and probabilities are the same constants.
        let atZero = theta.allSatisfy { $0 == 0 }
        if shape.rows == 1 {
            // A row sample's Hessian in single precision (``HessianScalar``), the exact one in double.
            if hessianRows.stride > 1 {
                binomial(
                    Float.self, chunk, codes: codes, weights: weights, theta: theta, atZero: atZero,
                    hessianRows: hessianRows, eachWindow: eachWindow)
            } else {
                binomial(
                    Double.self, chunk, codes: codes, weights: weights, theta: theta, atZero: atZero,
                    hessianRows: hessianRows, eachWindow: eachWindow)
            }
        } else {
            multinomial(
                chunk, codes: codes, weights: weights, classes: k, theta: theta, atZero: atZero, hessianRows: hessianRows,
                eachWindow: eachWindow)
        }
    }

    /// A label read as a class code `0..<k`.
    ///
    /// - Throws: ``LogisticRegressionError/invalidClassCode(_:classCount:)`` for anything else.
    static func classCode(_ y: Double, classCount k: Int) throws -> Int {
        // `Double(Int(y)) == y` tests for a whole number without `rounded`, a libm call per row
        // on processors below SSE4.1 (the baseline the package is compiled for).
        guard y >= 0, y < Double(k), Double(Int(y)) == y else {
            throw LogisticRegressionError.invalidClassCode(y, classCount: k)
        }
        return Int(y)
    }

    /// The binomial sums straight from the chunk's `n × p` features: `z = Xβ + β₀` by one
    /// `dgemv`; the gradient's feature part `Xᵀr` by one `dgemv` and its intercept part `Σrᵢ`;
    /// the Hessian by one `syrk` in `Scalar` on the sampled rows `√dᵢ·x̃ᵢ` (`dᵢ = wᵢσᵢ(1 − σᵢ)`,
    /// `x̃ᵢ = [xᵢ, 1]` with an intercept), the only copy of rows the kernel makes.
    private mutating func binomial<Scalar: HessianScalar>(
        _: Scalar.Type, _ chunk: DataChunk, codes: [Int32], weights: [Double], theta: [Double], atZero: Bool,
        hessianRows: HessianRows, eachWindow: (Range<Int>) -> Void
    ) {
        let n = chunk.rowCount, p = chunk.featureCount, q = shape.width
        var z = [Double](repeating: shape.fitIntercept ? theta[p] : 0, count: n)
        var residual = [Double](repeating: 0, count: n)
        var featureGradient = [Double](repeating: 0, count: p)
        var lossSum = 0.0, wrong = 0.0, residualSum = 0.0
        let x = chunk.features.elements
        // The Hessian's rows, each scaled by √dᵢ (dᵢ = wᵢσᵢ(1 − σᵢ)) as its window passes, while
        // the window is in cache: gathered after the loop, they would be read from memory again.
        let sampled = shape.hessian ? hessianRows.rows(inChunkOf: n) : []
        let m = sampled.count
        var scaled = [Scalar](repeating: 0, count: m * q)
        var sampledWeight = 0.0
        // Window by window (`ChunkPlan.cacheWindowRows(columns:)`), so that `Xᵀr` and the
        // Hessian's rows read the rows again from cache right after `Xβ` and the loss.
        let windowRows = ChunkPlan.cacheWindowRows(columns: p)
        // The window's softplus and sigmoid values, computed together (`exp`, `log` four at a time).
        let softplusValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: windowRows)
        let sigmoidValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: windowRows)
        defer {
            softplusValues.deallocate()
            sigmoidValues.deallocate()
        }
        x.withUnsafeBufferPointer { px in
            theta.withUnsafeBufferPointer { pt in
                z.withUnsafeMutableBufferPointer { pz in
                    residual.withUnsafeMutableBufferPointer { pr in
                        featureGradient.withUnsafeMutableBufferPointer { pg in
                            scaled.withUnsafeMutableBufferPointer { ps in
                                var start = 0, next = 0
                                while start < n {
                                    let rows = min(windowRows, n - start)
                                    eachWindow(start..<(start + rows))
                                    if !atZero {
                                        // An intercept-only model (p = 0) has no block to multiply.
                                        if let x = px.baseAddress, let t = pt.baseAddress, let z = pz.baseAddress {
                                            BLAS.multiply(
                                                x + start * p, rows: rows, columns: p, leadingDimension: p, vector: t,
                                                into: z + start, beta: 1)
                                        }
                                        LogisticFunctions.softplusAndSigmoid(
                                            UnsafeBufferPointer(rebasing: pz[start..<(start + rows)]),
                                            softplus: softplusValues, sigmoid: sigmoidValues)
                                    }
                                    // The next window's rows, one per row of this one (``Prefetch``).
                                    let nextRows = min(windowRows, n - start - rows)
                                    for i in start..<(start + rows) {
                                        if i - start < nextRows, let x = px.baseAddress {
                                            Prefetch.toCache(x + (i + rows) * p, bytes: p * 8)
                                        }
                                        let w = weights[i], zi = pz[i]
                                        let positive = codes[i] == 1
                                        let (softplus, sigmoid) = atZero
                                            ? (LogisticFunctions.logTwo, 0.5)
                                            : (softplusValues[i - start], sigmoidValues[i - start])
                                        lossSum += w * (softplus - (positive ? zi : 0))
                                        pr[i] = w * (sigmoid - (positive ? 1 : 0))
                                        residualSum += pr[i]
                                        if positive ? !(zi > 0) : !(zi < 0) { wrong += w }
                                    }
                                    if let x = px.baseAddress, let r = pr.baseAddress, let g = pg.baseAddress {
                                        BLAS.multiply(
                                            x + start * p, rows: rows, columns: p, leadingDimension: p, transposed: true,
                                            vector: r + start, into: g, beta: 1)
                                    }
                                    while next < m, sampled[next] < start + rows {
                                        let i = sampled[next]
                                        let root = (weights[i] * LogisticFunctions.sigmoidDerivative(pz[i])).squareRoot()
                                        sampledWeight += weights[i]
                                        for j in 0..<p { ps[next * q + j] = Scalar(root * px[i * p + j]) }
                                        if q > p { ps[next * q + p] = Scalar(root) }
                                        next += 1
                                    }
                                    start += rows
                                }
                            }
                        }
                    }
                }
            }
        }
        loss = lossSum
        misclassifiedWeight = wrong
        if p > 0 { gradient.replaceSubrange(0..<p, with: featureGradient) }
        if shape.fitIntercept { gradient[p] = residualSum }
        guard shape.hessian else { return }
        hessianWeightSum = sampledWeight
        guard q > 0, m > 0 else { return }
        var gram = [Scalar](repeating: 0, count: q * q)
        scaled.withUnsafeBufferPointer { ps in
            gram.withUnsafeMutableBufferPointer { pg in
                guard let ps = ps.baseAddress, let pg = pg.baseAddress else { return }
                Scalar.gram(ps, rows: m, columns: q, lda: q, into: pg, ldc: q)
            }
        }
        for r in 0..<q {
            for t in r..<q { hessian[r * q + t] = Double(gram[r * q + t]) }
        }
    }

    /// The multinomial sums straight from the chunk's `n × p` features, a cache window at a
    /// time (`ChunkPlan.cacheWindowRows(columns:)`) and class by class: the window's scores
    /// `Z = B·Xᵀ + b` (`K × rows`) by one `dgemm` (``ClassScores``), the softmax along each column of `Z`, the
    /// residuals `R = W(P − Y)` in place, and the gradient's feature part `G += R·X` by one
    /// `dgemm` that reads the window again from cache. Class-major blocks keep every step a
    /// loop over rows, which vectorizes, and OpenBLAS multiplies `R·X` without packing the
    /// rows (`Rᵀ·X` from row-major residuals packed them: a quarter of the pass). The Hessian's
    /// sampled rows `x̃ = [x, 1]`, probabilities and weights are copied while their window is
    /// in cache; the Hessian is summed from those copies after the loop.
    private mutating func multinomial(
        _ chunk: DataChunk, codes: [Int32], weights: [Double], classes k: Int, theta: [Double], atZero: Bool,
        hessianRows: HessianRows, eachWindow: (Range<Int>) -> Void
    ) {
        let n = chunk.rowCount, p = chunk.featureCount, q = shape.width
        let x = chunk.features.elements
        let windowRows = ChunkPlan.cacheWindowRows(columns: p)
        let uniform = 1 / Double(k), logClasses = log(Double(k))
        let sampled = shape.hessian ? hessianRows.rows(inChunkOf: n) : []
        let m = sampled.count
        var sampledRows = [Double](repeating: 1, count: m * q)
        var sampledProbabilities = [Double](repeating: 0, count: m * k)
        var sampledWeights = [Double](repeating: 0, count: m)
        var residualSums = [Double](repeating: 0, count: k)
        var lossSum = 0.0, wrong = 0.0
        let scorer = ClassScores(theta, shape: shape)
        // The window's scores, then probabilities, then residuals (`K × rows`, class-major);
        // per row: the score of its class, `log Σₖ e^{zₖ}`, the largest score and `1 / Σₖ e^{zₖ − top}`.
        let block = UnsafeMutablePointer<Double>.allocate(capacity: k * windowRows)
        let chosenScores = UnsafeMutablePointer<Double>.allocate(capacity: windowRows)
        let logNormalizers = UnsafeMutablePointer<Double>.allocate(capacity: windowRows)
        let tops = UnsafeMutablePointer<Double>.allocate(capacity: windowRows)
        let inverses = UnsafeMutablePointer<Double>.allocate(capacity: windowRows)
        defer {
            for buffer in [block, chosenScores, logNormalizers, tops, inverses] { buffer.deallocate() }
        }
        x.withUnsafeBufferPointer { px in
            theta.withUnsafeBufferPointer { pt in
                gradient.withUnsafeMutableBufferPointer { pg in
                    codes.withUnsafeBufferPointer { codes in
                        weights.withUnsafeBufferPointer { weights in
                            residualSums.withUnsafeMutableBufferPointer { residualSums in
                                sampledRows.withUnsafeMutableBufferPointer { sampledRows in
                                    sampledProbabilities.withUnsafeMutableBufferPointer { sampledProbabilities in
                                        // n > 0: every row has a weight and a class.
                                        guard let allWeights = weights.baseAddress, let allCodes = codes.baseAddress
                                        else { return }
                                        var start = 0, next = 0
                                        while start < n {
                                            let rows = min(windowRows, n - start)
                                            eachWindow(start..<(start + rows))
                                            let w = allWeights + start, y = allCodes + start
                                            // The next window's rows, one per row of this one (``Prefetch``).
                                            let nextRows = min(windowRows, n - start - rows)
                                            func prefetchNextWindow(row i: Int) {
                                                guard i < nextRows, let x = px.baseAddress else { return }
                                                Prefetch.toCache(x + (start + rows + i) * p, bytes: p * 8)
                                            }
                                            // θ = 0 (every empty θ included) needs no product.
                                            if atZero {
                                                // Every score 0: every row misclassified (a tie), P = 1/K.
                                                chosenScores.update(repeating: 0, count: rows)
                                                for i in 0..<rows {
                                                    wrong += w[i]
                                                    prefetchNextWindow(row: i)
                                                }
                                                block.update(repeating: uniform, count: k * rows)
                                                logNormalizers.update(repeating: logClasses, count: rows)
                                            } else {
                                                scorer.score(px.baseAddress.map { $0 + start * p }, count: rows, into: block)
                                                // Misclassified: a row whose class's score is not strictly the
                                                // largest (`inverses` counts the scores not below it).
                                                for i in 0..<rows {
                                                    chosenScores[i] = block[Int(y[i]) * rows + i]
                                                    prefetchNextWindow(row: i)
                                                }
                                                inverses.update(repeating: 0, count: rows)
                                                for c in 0..<k {
                                                    let scores = block + c * rows
                                                    for i in 0..<rows { inverses[i] += scores[i] < chosenScores[i] ? 0 : 1 }
                                                }
                                                for i in 0..<rows where inverses[i] != 1 { wrong += w[i] }
                                                LogisticFunctions.softmax(
                                                    classMajor: block, rows: rows, classes: k, logNormalizers: logNormalizers,
                                                    tops: tops, inverses: inverses)
                                            }
                                            while next < m, sampled[next] < start + rows {
                                                let i = sampled[next] - start
                                                for j in 0..<p { sampledRows[next * q + j] = px[(start + i) * p + j] }
                                                for c in 0..<k { sampledProbabilities[next * k + c] = block[c * rows + i] }
                                                sampledWeights[next] = w[i]
                                                next += 1
                                            }
                                            for i in 0..<rows { lossSum += w[i] * (logNormalizers[i] - chosenScores[i]) }
                                            // R = W·P − W·Y in place, and its column sums (four partial sums
                                            // per class, so the adds do not wait on one another).
                                            for c in 0..<k {
                                                let r = block + c * rows
                                                for i in 0..<rows { r[i] *= w[i] }
                                            }
                                            for i in 0..<rows { block[Int(y[i]) * rows + i] -= w[i] }
                                            for c in 0..<k {
                                                let r = block + c * rows
                                                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, i = 0
                                                while i + 4 <= rows {
                                                    s0 += r[i]
                                                    s1 += r[i + 1]
                                                    s2 += r[i + 2]
                                                    s3 += r[i + 3]
                                                    i += 4
                                                }
                                                while i < rows {
                                                    s0 += r[i]
                                                    i += 1
                                                }
                                                residualSums[c] += (s0 + s1) + (s2 + s3)
                                            }
                                            if p > 0, let x = px.baseAddress, let g = pg.baseAddress {
                                                BLAS.multiply(
                                                    block, transposeA: false, x + start * p, transposeB: false, m: k, n: p,
                                                    k: rows, lda: rows, ldb: p, into: g, ldc: q, beta: 1)
                                            }
                                            start += rows
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        loss = lossSum
        misclassifiedWeight = wrong
        if shape.fitIntercept {
            for c in 0..<k { gradient[c * q + p] = residualSums[c] }
        }
        guard shape.hessian, m > 0 else { return }
        hessianWeightSum = sampledWeights.reduce(0, +)
        // A row sample's Hessian in single precision (``HessianScalar``), the exact one in double.
        if hessianRows.stride == 1 {
            multinomialHessian(
                Double.self, sampledRows, probabilities: sampledProbabilities, weights: sampledWeights,
                rows: m, width: q, classes: k, uniform: atZero)
        } else {
            multinomialHessian(
                Float.self, sampledRows, probabilities: sampledProbabilities, weights: sampledWeights,
                rows: m, width: q, classes: k, uniform: atZero)
        }
    }
}
