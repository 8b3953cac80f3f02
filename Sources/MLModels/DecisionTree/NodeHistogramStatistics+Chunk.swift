import MLData

extension NodeHistogramStatistics {
    /// The histograms of the rows of one block that sit in the open nodes `group` of the
    /// current level.
    ///
    /// Per row of node `g` in the group, with weight `w` and label `y`: its statistics are
    /// added to the node's totals and, for every feature, to the bin the row falls in —
    /// `1 + p` additions of `s` numbers. Classification adds `w` to the class's weight and 1
    /// to the count; regression adds `(1, w, w·d, w·d²)` with `d = y − shifts[g]`.
    ///
    /// - Complexity: O(rows × features × s) additions, plus zeroing the group's histograms.
    init(
        rows: BinnedRows, labels: [Double], weights: [Double], layout: BinLayout, shape: Shape,
        group: Range<Int>, classCount: Int, shifts: [Double]
    ) {
        self.init(zeroFor: shape)
        switch rows.storage {
        case .narrow(let bins):
            accumulate(bins, rows: rows, labels: labels, weights: weights, layout: layout, group: group,
                       classCount: classCount, shifts: shifts)
        case .wide(let bins):
            accumulate(bins, rows: rows, labels: labels, weights: weights, layout: layout, group: group,
                       classCount: classCount, shifts: shifts)
        }
    }

    private mutating func accumulate<B: FixedWidthInteger & UnsignedInteger>(
        _ bins: [B], rows: BinnedRows, labels: [Double], weights: [Double], layout: BinLayout,
        group: Range<Int>, classCount k: Int, shifts: [Double]
    ) {
        let p = rows.featureCount
        let s = shape.statsPerBin
        let stride = shape.nodeStride
        let low = Int32(group.lowerBound), high = Int32(group.upperBound)
        let offsets = layout.offsets.map { ($0 + 1) * s }
        let weighted = !weights.isEmpty
        values.withUnsafeMutableBufferPointer { h in
            bins.withUnsafeBufferPointer { b in
                offsets.withUnsafeBufferPointer { o in
                    for i in 0..<rows.node.count {
                        let n = rows.node[i]
                        guard n >= low, n < high else { continue }
                        let base = Int(n - low) * stride
                        let w = weighted ? weights[i] : 1
                        let row = i * p
                        if k > 0 {
                            let c = Int(labels[i])
                            h[base + c] += w
                            h[base + k] += 1
                            for j in 0..<p {
                                let at = base + o[j] + Int(b[row + j]) * s
                                h[at + c] += w
                                h[at + k] += 1
                            }
                        } else {
                            let d = labels[i] - shifts[Int(n - low)]
                            let wd = w * d, wdd = wd * d
                            h[base] += 1
                            h[base + 1] += w
                            h[base + 2] += wd
                            h[base + 3] += wdd
                            for j in 0..<p {
                                let at = base + o[j] + Int(b[row + j]) * s
                                h[at] += 1
                                h[at + 1] += w
                                h[at + 2] += wd
                                h[at + 3] += wdd
                            }
                        }
                    }
                }
            }
        }
    }
}
