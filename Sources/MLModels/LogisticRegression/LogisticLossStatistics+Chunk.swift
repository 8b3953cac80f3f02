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
    ///
    /// - Complexity: `O(n·q²·m(m+1)/2 / stride)` flops with the Hessian, `O(n·q·m)` without.
    public init(
        chunk: DataChunk, shape: Shape, classCount k: Int, parameters theta: [Double],
        hessianRows: HessianRows = .all
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
        for w in weights { weightSum += w }
        // At θ = 0, where every fit starts, every score is 0: no product with the rows, and
        // each row's loss and probabilities are the same constants.
        let atZero = theta.allSatisfy { $0 == 0 }
        if shape.rows == 1 {
            binomial(chunk, codes: codes, weights: weights, theta: theta, atZero: atZero, hessianRows: hessianRows)
        } else {
            multinomial(
                chunk, codes: codes, weights: weights, classes: k, theta: theta, atZero: atZero, hessianRows: hessianRows)
        }
    }

    /// A label read as a class code `0..<k`.
    ///
    /// - Throws: ``LogisticRegressionError/invalidClassCode(_:classCount:)`` for anything else.
    static func classCode(_ y: Double, classCount k: Int) throws -> Int {
        guard y >= 0, y < Double(k), y.rounded(.towardZero) == y else {
            throw LogisticRegressionError.invalidClassCode(y, classCount: k)
        }
        return Int(y)
    }

    /// The binomial sums straight from the chunk's `n × p` features, with no augmented copy:
    /// `z = Xβ + β₀` by one `dgemv`; the gradient's feature part `Xᵀr` by one `dgemv` and its
    /// intercept part `Σrᵢ`; over the Hessian's rows, its feature block by one `dsyrk` on
    /// `√dᵢ·xᵢ` (`dᵢ = wᵢσᵢ(1 − σᵢ)`), its intercept column `Xᵀd = (√d·X)ᵀ√d` by one `dgemv` and
    /// its corner `Σdᵢ`. One scaled copy of the sampled rows is the only buffer of the chunk's size.
    private mutating func binomial(
        _ chunk: DataChunk, codes: [Int32], weights: [Double], theta: [Double], atZero: Bool, hessianRows: HessianRows
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
        var scaled = [Double](repeating: 0, count: m * p)
        var roots = [Double](repeating: 0, count: m)
        var curvatureSum = 0.0, sampledWeight = 0.0
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
                                    for i in start..<(start + rows) {
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
                                        let d = weights[i] * LogisticFunctions.sigmoidDerivative(pz[i])
                                        let root = d.squareRoot()
                                        roots[next] = root
                                        curvatureSum += d
                                        sampledWeight += weights[i]
                                        for j in 0..<p { ps[next * p + j] = root * px[i * p + j] }
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
        if shape.fitIntercept { hessian[p * q + p] = curvatureSum }
        guard p > 0, m > 0 else { return }
        // The feature block: one dsyrk on √dᵢ·xᵢ, written into the q × q upper triangle.
        scaled.withUnsafeBufferPointer { ps in
            hessian.withUnsafeMutableBufferPointer { ph in
                guard let ps = ps.baseAddress, let ph = ph.baseAddress else { return }
                BLAS.gramUpdate(ps, rows: m, columns: p, leadingDimension: p, into: ph, leadingDimensionC: q, beta: 0)
            }
        }
        guard shape.fitIntercept else { return }
        let column = BLAS.transposedProduct(scaled, rows: m, columns: p, with: roots)
        for j in 0..<p { hessian[j * q + p] = column[j] }
    }

    /// The multinomial sums straight from the chunk's `n × p` features: scores `Z = X·Bᵀ + b`
    /// by one `dgemm`, the gradient's feature part `Rᵀ·X` by one `dgemm` and its intercepts
    /// `Σᵢ rᵢ`; the Hessian from the sampled rows' augmented copy `x̃ = [x, 1]`, the only
    /// buffer of the block's size, made in Hessian passes alone.
    private mutating func multinomial(
        _ chunk: DataChunk, codes: [Int32], weights: [Double], classes k: Int, theta: [Double], atZero: Bool,
        hessianRows: HessianRows
    ) {
        let n = chunk.rowCount, p = chunk.featureCount, q = shape.width
        let x = chunk.features.elements
        // Scores Z = X·Bᵀ (n × K), B the K × p coefficients at a row stride of q in θ, the
        // softmax, and G = Rᵀ·X (K × p, into the K rows of θ's layout), window by window
        // (`ChunkPlan.cacheWindowRows(columns:)`) so that `Rᵀ·X` reads the rows again from cache.
        var scores = [Double](repeating: 0, count: n * k)
        if shape.fitIntercept {
            for i in 0..<n { for c in 0..<k { scores[i * k + c] = theta[c * q + p] } }
        }
        var residual = [Double](repeating: 0, count: n * k)
        var residualSums = [Double](repeating: 0, count: k)
        var lossSum = 0.0, wrong = 0.0
        let windowRows = ChunkPlan.cacheWindowRows(columns: p)
        let uniform = 1 / Double(k), logClasses = log(Double(k))
        // Per window row: the score of its class, `log Σₖ e^{zₖ}` and the largest score.
        let chosenScores = UnsafeMutableBufferPointer<Double>.allocate(capacity: windowRows)
        let logNormalizers = UnsafeMutableBufferPointer<Double>.allocate(capacity: windowRows)
        let tops = UnsafeMutableBufferPointer<Double>.allocate(capacity: windowRows)
        defer {
            chosenScores.deallocate()
            logNormalizers.deallocate()
            tops.deallocate()
        }
        x.withUnsafeBufferPointer { px in
            theta.withUnsafeBufferPointer { pt in
                scores.withUnsafeMutableBufferPointer { pz in
                    residual.withUnsafeMutableBufferPointer { pr in
                        gradient.withUnsafeMutableBufferPointer { pg in
                            guard let base = pz.baseAddress, let r = pr.baseAddress else { return }
                            var start = 0
                            while start < n {
                                let rows = min(windowRows, n - start)
                                // An intercept-only model (p = 0) has no block to multiply.
                                if p > 0, !atZero, let x = px.baseAddress, let t = pt.baseAddress {
                                    BLAS.multiply(
                                        x + start * p, transposeA: false, t, transposeB: true, m: rows, n: k, k: p,
                                        lda: p, ldb: q, into: base + start * k, ldc: k,
                                        beta: shape.fitIntercept ? 1 : 0)
                                }
                                for i in start..<(start + rows) {
                                    let row = base + i * k
                                    let y = Int(codes[i])
                                    let chosen = row[y]
                                    chosenScores[i - start] = chosen
                                    var strict = true
                                    for c in 0..<k where c != y && !(row[c] < chosen) { strict = false }
                                    if !strict { wrong += weights[i] }
                                }
                                if atZero {
                                    for i in 0..<(rows * k) { base[start * k + i] = uniform }
                                    for i in 0..<rows { logNormalizers[i] = logClasses }
                                } else {
                                    LogisticFunctions.softmax(
                                        rows: base + start * k, count: rows, classes: k, logNormalizers: logNormalizers,
                                        tops: tops)
                                }
                                for i in start..<(start + rows) {
                                    let row = base + i * k
                                    let y = Int(codes[i])
                                    let w = weights[i]
                                    lossSum += w * (logNormalizers[i - start] - chosenScores[i - start])
                                    for c in 0..<k {
                                        let value = w * (row[c] - (c == y ? 1 : 0))
                                        r[i * k + c] = value
                                        residualSums[c] += value
                                    }
                                }
                                if p > 0, let x = px.baseAddress, let g = pg.baseAddress {
                                    BLAS.multiply(
                                        r + start * k, transposeA: true, x + start * p, transposeB: false, m: k, n: p,
                                        k: rows, lda: k, ldb: p, into: g, ldc: q, beta: 1)
                                }
                                start += rows
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
        guard shape.hessian else { return }
        // The sampled rows' x̃ (with its 1), probabilities and weights, gathered into blocks of
        // their own; with every row sampled only x̃ needs the copy.
        let sampled = hessianRows.rows(inChunkOf: n)
        let every = sampled.count == n
        var sampledRows = [Double](repeating: 1, count: sampled.count * q)
        var sampledProbabilities = every ? scores : [Double](repeating: 0, count: sampled.count * k)
        var sampledWeights = every ? weights : [Double](repeating: 0, count: sampled.count)
        for (r, i) in sampled.enumerated() {
            for j in 0..<p { sampledRows[r * q + j] = x[i * p + j] }
            guard !every else { continue }
            for c in 0..<k { sampledProbabilities[r * k + c] = scores[i * k + c] }
            sampledWeights[r] = weights[i]
        }
        hessianWeightSum = sampledWeights.reduce(0, +)
        if every {
            multinomialHessian(
                Double.self, sampledRows, probabilities: sampledProbabilities, weights: sampledWeights,
                rows: sampled.count, width: q, classes: k, uniform: atZero)
        } else {
            multinomialHessian(
                Float.self, sampledRows, probabilities: sampledProbabilities, weights: sampledWeights,
                rows: sampled.count, width: q, classes: k, uniform: atZero)
        }
    }
}
