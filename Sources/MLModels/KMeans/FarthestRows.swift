import MLEngine

/// The rows farthest from their assigned centers, at most `capacity` of them, ordered by
/// squared distance (largest first) and then by global row (lowest first): the points
/// k-means re-seeds empty clusters with (scikit-learn relocates empty clusters to the points
/// farthest from their centers the same way). The order makes the kept set independent of
/// chunking and merge order.
public struct FarthestRows: Sendable, Hashable {
    public let capacity: Int
    public let featureCount: Int
    public private(set) var distances: [Double] = []
    public private(set) var rows: [Int] = []
    /// The kept rows' values, `count × p` row-major.
    public private(set) var points: [Double] = []

    init(capacity: Int, featureCount: Int) {
        self.capacity = capacity
        self.featureCount = featureCount
    }

    public var count: Int { rows.count }

    /// The values of the `i`-th farthest row.
    public func point(_ i: Int) -> [Double] {
        Array(points[(i * featureCount)..<((i + 1) * featureCount)])
    }

    /// Whether (a, ra) comes before (b, rb): farther first, then the lower row.
    @inline(__always)
    static func precedes(_ a: Double, _ ra: Int, _ b: Double, _ rb: Int) -> Bool {
        a > b || (a == b && ra < rb)
    }

    /// Keeps the row if it is among the `capacity` farthest so far. Rows at distance 0 are
    /// never kept: they cannot re-seed anything.
    @inline(__always)
    mutating func offer(distance: Double, row: Int, point: UnsafePointer<Double>) {
        // Most rows of a pass fall short of a full list: rejected here without a call.
        guard distance > 0, capacity > 0, rows.count < capacity || distance >= distances[capacity - 1] else { return }
        insert(distance: distance, row: row, point: point)
    }

    /// The kept row (or nothing) once a row passes ``offer(distance:row:point:)``'s test.
    private mutating func insert(distance: Double, row: Int, point: UnsafePointer<Double>) {
        if rows.count == capacity {
            guard let lastD = distances.last, let lastR = rows.last, Self.precedes(distance, row, lastD, lastR)
            else { return }
            distances.removeLast()
            rows.removeLast()
            points.removeLast(featureCount)
        }
        var at = rows.count
        while at > 0, Self.precedes(distance, row, distances[at - 1], rows[at - 1]) { at -= 1 }
        distances.insert(distance, at: at)
        rows.insert(row, at: at)
        points.insert(contentsOf: UnsafeBufferPointer(start: point, count: featureCount), at: at * featureCount)
    }

    mutating func merge(_ other: FarthestRows) {
        guard !other.rows.isEmpty else { return }
        var d: [Double] = [], r: [Int] = [], x: [Double] = []
        var i = 0, j = 0
        let p = featureCount
        while r.count < capacity, i < rows.count || j < other.rows.count {
            let takeSelf = j == other.rows.count
                || (i < rows.count && Self.precedes(distances[i], rows[i], other.distances[j], other.rows[j]))
            if takeSelf {
                d.append(distances[i]); r.append(rows[i]); x.append(contentsOf: points[(i * p)..<((i + 1) * p)])
                i += 1
            } else {
                d.append(other.distances[j]); r.append(other.rows[j])
                x.append(contentsOf: other.points[(j * p)..<((j + 1) * p)])
                j += 1
            }
        }
        distances = d
        rows = r
        points = x
    }

    /// The flat length: a count, then `capacity` slots of (distance, row, p values).
    static func serializedCount(capacity: Int, featureCount: Int) -> Int {
        1 + capacity * (2 + featureCount)
    }

    func serialized() -> [Double] {
        var values = [Double(rows.count)]
        values.reserveCapacity(Self.serializedCount(capacity: capacity, featureCount: featureCount))
        for i in 0..<capacity {
            if i < rows.count {
                values.append(distances[i])
                values.append(Double(rows[i]))
                values.append(contentsOf: points[(i * featureCount)..<((i + 1) * featureCount)])
            } else {
                values.append(contentsOf: repeatElement(0, count: 2 + featureCount))
            }
        }
        return values
    }

    init(
        serialized values: ArraySlice<Double>, capacity: Int, featureCount: Int, check: SerializedStatisticsValidator
    ) throws {
        self.init(capacity: capacity, featureCount: featureCount)
        let start = values.startIndex
        let n = try check.count(values[start], "farthest-row count")
        guard n <= capacity else { throw check.invalid("\(n) farthest rows for \(capacity) slots") }
        for i in 0..<n {
            let slot = start + 1 + i * (2 + featureCount)
            let distance = values[slot]
            guard distance.isFinite, distance > 0 else { throw check.invalid("farthest distance \(distance)") }
            let row = try check.count(values[slot + 1], "farthest row")
            if i > 0, !Self.precedes(distances[i - 1], rows[i - 1], distance, row) {
                throw check.invalid("the farthest rows are out of order")
            }
            distances.append(distance)
            rows.append(row)
            points.append(contentsOf: values[(slot + 2)..<(slot + 2 + featureCount)])
        }
    }
}
