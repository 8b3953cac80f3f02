import MLData
import MLEngine
import MLNumerics

/// What k-means keeps per chunk across passes.
struct KMeansChunkState: Sendable {
    /// `‖xᵢ‖²` of the prepared rows, computed once.
    var norms: [Double]
    /// The cluster of each row after the last Lloyd pass.
    var assignment: [Int32] = []
    /// Hamerly's bounds, in distance units: above the distance to the assigned center, and
    /// below the distance to every other center. Empty until a pass has computed every distance.
    var upper: [Double] = []
    var lower: [Double] = []
    /// Initialization: the squared distance of each row to its nearest center so far.
    var cost: [Double] = []
    /// The chunk's per-cluster totals for `assignment`, which a lazy pass updates for the rows
    /// that change cluster instead of reading every row (see ``ClusterTotals``). `nil` until
    /// a pass that reads every row has set them, and while lazy passes are not allowed.
    var totals: ClusterTotals?
}

/// One k-means fit on data held in memory: the prepared copy of the rows (centred by their
/// weighted mean for the euclidean measure when the data lie far from the origin, so that
/// `‖x‖² − 2x·c + ‖c‖²` does not cancel; normalized to unit length for the cosine measure,
/// which centring would change), the per-chunk state, and the passes.
struct KMeansFit {
    let estimator: KMeans
    let data: Dataset
    let options: ExecutionOptions
    /// The mean subtracted from every row (zeros for the cosine measure).
    let shift: [Double]
    let rowCount: Int
    let weightSum: Double
    let positiveRows: Int
    var states: [KMeansChunkState]
    /// The passes over the rows in memory.
    var inMemory = PassReport(passes: 0)

    var k: Int { estimator.k }
    var featureCount: Int { data.schema.featureCount }
    var isCosine: Bool { estimator.distanceMeasure == .cosine }

    init(estimator: KMeans, data loaded: Dataset, options: ExecutionOptions) throws {
        self.estimator = estimator
        self.options = options
        let p = loaded.schema.featureCount
        let (sums, report) = try loaded.pass(options: options, shape: p) { chunk in FeatureSums(chunk: chunk) }
        inMemory.add(report)
        guard sums.weightSum > 0 else { throw ModelError.noData }
        rowCount = sums.rows
        weightSum = sums.weightSum
        positiveRows = sums.positiveRows
        let prepared: Dataset
        if estimator.distanceMeasure == .cosine {
            shift = Array(repeating: 0, count: p)
            prepared = try loaded.transformingFeatures { _, firstRow, features in
                let n = features.rows
                try features.withUnsafeMutableBufferPointer { x in
                    for i in 0..<n {
                        var s = 0.0
                        for t in 0..<p { s += x[i * p + t] * x[i * p + t] }
                        let norm = s.squareRoot()
                        guard norm > 0, norm.isFinite else { throw KMeansError.zeroVector(row: firstRow + i + 1) }
                        for t in 0..<p { x[i * p + t] /= norm }
                    }
                }
            }
        } else if !sums.isFarFromOrigin {
            // Centring would at most halve the rows' norms: not worth a copy of the data.
            shift = Array(repeating: 0, count: p)
            prepared = loaded
        } else {
            let mean = sums.mean
            shift = mean
            prepared = loaded.transformingFeatures { _, _, features in
                let n = features.rows
                features.withUnsafeMutableBufferPointer { x in
                    for i in 0..<n {
                        for t in 0..<p { x[i * p + t] -= mean[t] }
                    }
                }
            }
        }
        data = prepared
        states = prepared.chunkStates { chunk, _ in KMeansChunkState(norms: CenterSet.squaredNorms(of: chunk.features)) }
    }

    /// The fit: initial centers, Lloyd iterations, a final assignment pass, the model.
    mutating func run() throws -> KMeansModel {
        let (initial, initialization) = try initialCenters()
        let lloyd = try iterate(from: initial)
        return try model(from: lloyd, initialization: initialization)
    }

    /// The starting centers in the prepared coordinates, and how they were chosen.
    mutating func initialCenters() throws -> (Matrix, String) {
        if let model = estimator.initialCenters {
            return (try centers(of: model), "initial model")
        }
        switch estimator.initMode {
        case .kMeansParallel: return (try kMeansParallel(), KMeans.InitMode.kMeansParallel.rawValue)
        case .kMeansPlusPlus: return (try kMeansPlusPlus(), KMeans.InitMode.kMeansPlusPlus.rawValue)
        case .random: return (try randomCenters(), KMeans.InitMode.random.rawValue)
        }
    }

    /// The initial model's centers, columns matched to the data's features by name, in the
    /// prepared coordinates.
    func centers(of model: KMeans.InitialCenters) throws -> Matrix {
        let names = data.schema.featureNames
        let theirs = model.featureNames
        guard Set(names) == Set(theirs), names.count == theirs.count else {
            throw KMeansError.initialModelFeatures(expected: names, found: theirs)
        }
        let column = Dictionary(uniqueKeysWithValues: theirs.enumerated().map { ($1, $0) })
        let k = model.centers.rows
        var centers = Matrix(rows: k, columns: featureCount)
        for j in 0..<k {
            for (t, name) in names.enumerated() {
                centers[j, t] = model.centers[j, column[name] ?? t] - shift[t]
            }
        }
        if isCosine {
            for j in 0..<k {
                guard Self.normalize(row: j, of: &centers) else { throw KMeansError.zeroInitialCenter(index: j) }
            }
        }
        return centers
    }

    /// Scales row `j` to unit length; false when it is zero.
    static func normalize(row j: Int, of matrix: inout Matrix) -> Bool {
        let p = matrix.columns
        var s = 0.0
        for t in 0..<p { s += matrix[j, t] * matrix[j, t] }
        let norm = s.squareRoot()
        guard norm > 0, norm.isFinite else { return false }
        for t in 0..<p { matrix[j, t] /= norm }
        return true
    }

    /// Rows as a matrix.
    static func matrix(_ rows: [[Double]], columns p: Int) -> Matrix {
        (try? Matrix(rows: rows.count, columns: p, elements: rows.flatMap { $0 })) ?? Matrix(rows: 0, columns: p)
    }
}
