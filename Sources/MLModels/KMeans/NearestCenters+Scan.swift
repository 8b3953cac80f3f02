extension NearestCenters {
    /// Four lanes of the nearest-center scan of one row: lane `l` sees centers `j ≡ l (mod 4)`.
    ///
    /// The scan cost as much as the GEMM when written as one loop with a running minimum and
    /// a bound per center. Here each lane keeps only its smallest expanded distance (the first
    /// on a tie) with its center, and its second smallest; the lanes are merged at the end.
    /// Minima and maxima are selections by comparison masks: `pointwiseMin` handles NaN lane
    /// by lane and is not vectorized.
    struct Scan {
        let xn: SIMD4<Double>
        var best = SIMD4<Double>(repeating: .infinity)
        var bestIndex = SIMD4<Double>(repeating: 0)
        var second = SIMD4<Double>(repeating: .infinity)
        /// The centers of the next ``add(_:)``.
        var index = SIMD4<Double>(0, 1, 2, 3)

        init(squaredNorm: Double) {
            xn = SIMD4(repeating: squaredNorm)
        }

        /// The next four centers, from their GEMM entries `‖c‖² − 2x·c`.
        @inline(__always)
        mutating func add(_ g: UnsafePointer<Double>) {
            let v = xn + UnsafeRawPointer(g).loadUnaligned(as: SIMD4<Double>.self)
            var higher = best
            higher.replace(with: v, where: best .< v)
            second.replace(with: higher, where: higher .< second)
            let better = v .< best
            best.replace(with: v, where: better)
            bestIndex.replace(with: index, where: better)
            index += 4
        }

        /// The lanes merged.
        @inline(__always)
        func merged() -> Merged {
            var merged = Merged()
            for l in 0..<4 {
                merged.add(best[l], at: Int(bestIndex[l]))
                merged.add(second[l], at: Int.max)
            }
            return merged
        }
    }

    /// The scan's result over the centers seen so far: the smallest expanded distance (the
    /// lowest center on a tie) and the second smallest, counted with repetition.
    struct Merged {
        var best = Double.infinity
        var index = 0
        var second = Double.infinity

        /// Center `j`'s expanded distance (`Int.max`: a lane's second, never the best's index).
        @inline(__always)
        mutating func add(_ v: Double, at j: Int) {
            if v < best || (v == best && j < index) {
                second = min(second, best)
                best = v
                index = j
            } else {
                second = min(second, v)
            }
        }
    }
}
