import MLData
import MLEngine

extension LloydPass {
    /// A lazy pass over a chunk, Hamerly's algorithm as published: most rows are not read.
    ///
    /// Each row's bounds move with the centers first (`uᵢ + δ_{aᵢ}`, `lᵢ − max_{j≠aᵢ} δⱼ`,
    /// from the bounds alone). Only a row those cannot keep is read, for its exact distance to
    /// its center; only a row that still fails takes every distance, packed with the others
    /// into one GEMM per block. A row that changes cluster moves its weight, sum and `w‖x‖²`
    /// between the chunk's ``ClusterTotals``, which become the pass's statistics, with the
    /// cost from their moments. No farthest rows: a fit that finds an empty cluster after a
    /// lazy pass takes the pass again reading every row.
    func computeLazily(
        _ chunk: DataChunk, moves: Moves, totals: inout ClusterTotals, state: inout KMeansChunkState
    ) -> ClusterSums {
        let n = chunk.rowCount, p = shape.featureCount
        let slack = self.slack
        let test = BoundTest(self)
        let window = Self.windowRows(featureCount: p)
        var work = Workspace(exact: [Double](repeating: 0, count: min(n, window)))
        var before: [Int32] = []
        var distanceRows = 0
        chunk.features.withUnsafeBufferPointer { xBuffer in
            centers.centers.withUnsafeBufferPointer { cBuffer in
                guard let x = xBuffer.baseAddress, let c = cBuffer.baseAddress else { return }
                var start = 0
                while start < n {
                    let rows = start..<min(n, start + window)
                    work.pending.removeAll(keepingCapacity: true)
                    for i in rows {
                        let a = Int(state.assignment[i])
                        let l = max(0, moves.lowered(state.lower[i], assignedTo: a))
                        var u = state.upper[i] + moves.drift[a]
                        state.lower[i] = l
                        if test.keeps(upper: u, other: moves.otherDistanceBound(lower: l, upper: u, assignedTo: a),
                                      squaredNorm: state.norms[i]) {
                            state.upper[i] = u
                            continue
                        }
                        u = CenterSet.exactSquaredDistance(x + i * p, c + a * p, p).squareRoot() * (1 + slack)
                        let other = moves.otherDistanceBound(lower: l, upper: u, assignedTo: a)
                        state.upper[i] = u
                        state.lower[i] = other
                        if !test.keeps(upper: u, other: other, squaredNorm: state.norms[i]) { work.pending.append(i) }
                    }
                    before.removeAll(keepingCapacity: true)
                    for i in work.pending { before.append(state.assignment[i]) }
                    assignPending(rows, x: x, p: p, state: &state, work: &work)
                    for (i, old) in zip(work.pending, before) where state.assignment[i] != old {
                        totals.move(
                            x + i * p, squaredNorm: state.norms[i], weight: chunk.weight(i), from: Int(old),
                            to: Int(state.assignment[i]))
                    }
                    distanceRows += work.pending.count
                    start = rows.upperBound
                }
            }
        }
        return totals.statistics(centers: centers, costFactor: costFactor, distanceRows: distanceRows)
    }
}
