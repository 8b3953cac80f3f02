extension NearestCenters {
    /// The four lanes of the nearest-center scan of one row (doubles or floats): lane `l`
    /// sees centers `j ≡ l (mod 4)`. Four floats fill one SSE register (the package builds for
    /// baseline x86-64), four doubles two: the single-precision scan does half the work.
    ///
    /// The scan cost as much as the GEMM when written as one loop with a running minimum and
    /// a bound per center. Here each lane keeps only its smallest expanded distance (the first
    /// on a tie) with its center, and its second smallest; the lanes are merged at the end.
    /// Minima and maxima are selections by comparison masks: `pointwiseMin` handles NaN lane
    /// by lane and is not vectorized.
    struct Scan<Scalar: ScanScalar> {
        typealias Lanes = SIMD4<Scalar>
        let xn: Lanes
        var best = Lanes(repeating: .infinity)
        var bestIndex = Lanes(repeating: 0)
        var second = Lanes(repeating: .infinity)
        /// The centers of the next ``add(_:)``.
        var index = Lanes()

        init(squaredNorm: Scalar) {
            xn = Lanes(repeating: squaredNorm)
            for l in 0..<Lanes.scalarCount { index[l] = Scalar(l) }
        }

        /// The next lanes of centers, from their GEMM entries `‖c‖² − 2x·c`.
        @inline(__always)
        mutating func add(_ g: UnsafePointer<Scalar>) {
            let v = Scalar.sum(xn, UnsafeRawPointer(g).loadUnaligned(as: Lanes.self))
            var higher = best
            higher.replace(with: v, where: Scalar.isLess(best, v))
            second.replace(with: higher, where: Scalar.isLess(higher, second))
            let better = Scalar.isLess(v, best)
            best.replace(with: v, where: better)
            bestIndex.replace(with: index, where: better)
            index = Scalar.sum(index, Lanes(repeating: Scalar(Lanes.scalarCount)))
        }

        /// The lanes merged.
        @inline(__always)
        func merged() -> Merged {
            var merged = Merged()
            for l in 0..<Lanes.scalarCount {
                merged.add(Double(best[l]), at: Scalar.integer(bestIndex[l]))
                merged.add(Double(second[l]), at: Int.max)
            }
            return merged
        }

        /// The row's scan over `k` GEMM entries `g` (the lanes, then the rest one by one).
        @inline(__always)
        static func nearest(squaredNorm xn: Scalar, products g: UnsafePointer<Scalar>, k: Int) -> Merged {
            var scan = Scan(squaredNorm: xn)
            var j = 0
            while j + Lanes.scalarCount <= k {
                scan.add(g + j)
                j += Lanes.scalarCount
            }
            var merged = scan.merged()
            while j < k {
                merged.add(Double(xn + g[j]), at: j)
                j += 1
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

/// The scalars of ``NearestCenters/Scan``'s lanes. Its arithmetic and comparisons go through
/// these requirements so that they reach the concrete vector operations of `SIMD4<Double>`
/// and `SIMD4<Float>`: the generic `SIMD` ones are element-by-element loops that cost the
/// scan ten times its vectorized time.
protocol ScanScalar: BinaryFloatingPoint, SIMDScalar, Codable {
    static func sum(_ a: SIMD4<Self>, _ b: SIMD4<Self>) -> SIMD4<Self>
    static func isLess(_ a: SIMD4<Self>, _ b: SIMD4<Self>) -> SIMDMask<SIMD4<SIMDMaskScalar>>
    static func integer(_ index: Self) -> Int
}

extension Double: ScanScalar {
    @inline(__always) static func sum(_ a: SIMD4<Self>, _ b: SIMD4<Self>) -> SIMD4<Self> { a + b }
    @inline(__always)
    static func isLess(_ a: SIMD4<Self>, _ b: SIMD4<Self>) -> SIMDMask<SIMD4<SIMDMaskScalar>> { a .< b }
    @inline(__always) static func integer(_ index: Self) -> Int { Int(index) }
}

extension Float: ScanScalar {
    @inline(__always) static func sum(_ a: SIMD4<Self>, _ b: SIMD4<Self>) -> SIMD4<Self> { a + b }
    @inline(__always)
    static func isLess(_ a: SIMD4<Self>, _ b: SIMD4<Self>) -> SIMDMask<SIMD4<SIMDMaskScalar>> { a .< b }
    @inline(__always) static func integer(_ index: Self) -> Int { Int(index) }
}
