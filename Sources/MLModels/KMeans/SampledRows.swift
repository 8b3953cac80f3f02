import MLEngine

/// Rows drawn by a random race, for k-means initialization: the `capacity` rows with the
/// smallest keys (ties to the lower global row) with their values, and the sum of a per-row
/// quantity gathered in the same pass (the cost `φ = Σwᵢdᵢ²` of k-means||).
///
/// Each row's key comes from `SeededRandom(seed:purpose:step:index:)` keyed by its global
/// row, so the rows drawn depend only on the seed and the data, not on chunks, threads or
/// ranks. With `key = Eᵢ/vᵢ`, `Eᵢ` standard exponential, the row with the smallest key is
/// row `i` with probability `vᵢ/Σv` (the exponential race), and the `m` smallest are a
/// weighted sample without replacement (Efraimidis and Spirakis, 2006).
///
/// The number of rows kept varies, so the statistics cross ranks through their own
/// ``transferBytes()``.
public struct SampledRows: PartialStatistics {
    public struct Shape: Sendable, Hashable, Codable {
        public var capacity: Int
        public var featureCount: Int
    }

    public let shape: Shape
    public private(set) var keys: [Double] = []
    public private(set) var rows: [Int] = []
    /// `count × p`, row-major.
    public private(set) var points: [Double] = []
    /// The per-row sum gathered with the draw.
    public internal(set) var total: Double = 0

    public init(zeroFor shape: Shape) {
        self.shape = shape
    }

    public var count: Int { rows.count }

    public func point(_ i: Int) -> [Double] {
        let p = shape.featureCount
        return Array(points[(i * p)..<((i + 1) * p)])
    }

    @inline(__always)
    static func precedes(_ a: Double, _ ra: Int, _ b: Double, _ rb: Int) -> Bool {
        a < b || (a == b && ra < rb)
    }

    /// The largest key kept when the list is full (+∞ otherwise): rows with a larger key
    /// cannot enter.
    var cutoff: Double { rows.count == shape.capacity ? (keys.last ?? .infinity) : .infinity }

    /// Keeps the row if its finite key is among the `capacity` smallest so far.
    mutating func offer(key: Double, row: Int, point: UnsafePointer<Double>) {
        guard key.isFinite, shape.capacity > 0 else { return }
        let p = shape.featureCount
        if rows.count == shape.capacity {
            guard let lastK = keys.last, let lastR = rows.last, Self.precedes(key, row, lastK, lastR) else { return }
            keys.removeLast()
            rows.removeLast()
            points.removeLast(p)
        }
        var at = rows.count
        while at > 0, Self.precedes(key, row, keys[at - 1], rows[at - 1]) { at -= 1 }
        keys.insert(key, at: at)
        rows.insert(row, at: at)
        points.insert(contentsOf: UnsafeBufferPointer(start: point, count: p), at: at * p)
    }

    public mutating func merge(_ other: SampledRows) {
        total += other.total
        guard !other.rows.isEmpty else { return }
        let p = shape.featureCount
        var k: [Double] = [], r: [Int] = [], x: [Double] = []
        var i = 0, j = 0
        while r.count < shape.capacity, i < rows.count || j < other.rows.count {
            if j == other.rows.count || (i < rows.count && Self.precedes(keys[i], rows[i], other.keys[j], other.rows[j])) {
                k.append(keys[i]); r.append(rows[i]); x.append(contentsOf: points[(i * p)..<((i + 1) * p)])
                i += 1
            } else {
                k.append(other.keys[j]); r.append(other.rows[j])
                x.append(contentsOf: other.points[(j * p)..<((j + 1) * p)])
                j += 1
            }
        }
        keys = k
        rows = r
        points = x
    }

    /// The total, the keys, the rows and the values, bit for bit.
    public func transferBytes() -> [UInt8] {
        var writer = ByteWriter(capacity: 8 * (4 + 2 * rows.count + points.count))
        writer.write(total)
        writer.write(keys)
        writer.write(rows.map(Double.init))
        writer.write(points)
        return writer.bytes
    }

    public init(transferBytes bytes: [UInt8], shape: Shape) throws {
        let check = SerializedStatisticsValidator(type: "SampledRows")
        var reader = ByteReader(bytes)
        self.shape = shape
        total = try reader.readDouble()
        let keys = try reader.readDoubles()
        let rows = try reader.readDoubles()
        let points = try reader.readDoubles()
        guard total.isFinite, total >= 0, keys.count == rows.count, keys.count <= shape.capacity,
            points.count == keys.count * shape.featureCount, keys.allSatisfy({ $0.isFinite && $0 >= 0 })
        else { throw check.invalid("the sampled rows do not fit their shape") }
        self.keys = keys
        self.rows = try rows.map { try check.count($0, "row") }
        self.points = points
        for i in 1..<max(1, keys.count) where !Self.precedes(keys[i - 1], self.rows[i - 1], keys[i], self.rows[i]) {
            throw check.invalid("the sampled rows are out of order")
        }
    }
}
