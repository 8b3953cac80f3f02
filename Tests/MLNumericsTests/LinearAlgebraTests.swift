import Testing

@testable import MLNumerics

@Suite struct LinearAlgebraTests {
    /// A fixed, well-conditioned 7 × 4 matrix (hand-picked integers and fractions).
    static let a = try? Matrix([
        [1, 2, 0.5, -3], [4, -1, 2, 0], [0.25, 3, -2, 1], [2, 2, 2, 2],
        [-1, 0, 1, 5], [3, -2, 0, 1], [0, 1, -1, 0.5],
    ])

    /// Naive `AᵀA`, row by row.
    static func naiveGram(_ a: Matrix) -> Matrix {
        var g = Matrix(rows: a.columns, columns: a.columns)
        for r in 0..<a.rows {
            for i in 0..<a.columns { for j in 0..<a.columns { g[i, j] += a[r, i] * a[r, j] } }
        }
        return g
    }

    @Test func triangularFactorReproducesGram() throws {
        let a = try #require(Self.a)
        let r = try LAPACK.triangularFactor(of: a)
        let rtr = try BLAS.product(r, r, transposeA: true)
        let g = Self.naiveGram(a)
        for i in 0..<4 {
            for j in 0..<4 { #expect(abs(rtr[i, j] - g[i, j]) < 1e-12 * (1 + abs(g[i, j]))) }
            for j in 0..<i { #expect(r[i, j] == 0) }
        }
    }

    @Test func triangularFactorOfShortBlockPadsWithZeroRows() throws {
        let a = try Matrix([[1, 2, 3], [4, 5, 6]])
        let r = try LAPACK.triangularFactor(of: a)
        #expect(r.rows == 3)
        #expect(r.row(2) == [0, 0, 0])
        let rtr = try BLAS.product(r, r, transposeA: true)
        #expect(abs(rtr[2, 2] - 45) < 1e-12)  // 3² + 6²
    }

    @Test func choleskySolvesAndDetectsIndefinite() throws {
        let a = try #require(Self.a)
        let g = Self.naiveGram(a)
        let u = try LAPACK.choleskyFactor(g)
        // Solve G x = b through Uᵀ(U x) = b with b = G·[1, 2, 3, 4].
        let truth = [1.0, 2, 3, 4]
        let b = (0..<4).map { i in (0..<4).reduce(0.0) { $0 + g[i, $1] * truth[$1] } }
        let y = try LAPACK.solveUpperTriangular(u, b, transposed: true)
        let x = try LAPACK.solveUpperTriangular(u, y)
        for i in 0..<4 { #expect(abs(x[i] - truth[i]) < 1e-12) }

        let indefinite = try Matrix([[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try LAPACK.choleskyFactor(indefinite)
        }
    }

    /// `dposv` on row-major storage reads the upper triangle only: the strict lower triangle
    /// holds garbage here, and the answer is still G⁻¹b; an indefinite matrix is refused.
    @Test func positiveDefiniteSolveReadsTheUpperTriangle() throws {
        let g = Self.naiveGram(try #require(Self.a))
        let truth = [1.0, -2, 3, 0.5]
        var b = (0..<4).map { i in (0..<4).reduce(0.0) { $0 + g[i, $1] * truth[$1] } }
        var upper = (0..<16).map { $0 % 4 >= $0 / 4 ? g[$0 / 4, $0 % 4] : 1e6 }
        try upper.withUnsafeMutableBufferPointer { (a) throws(LinearAlgebraError) in
            try b.withUnsafeMutableBufferPointer { (x) throws(LinearAlgebraError) in
                guard let a = a.baseAddress, let x = x.baseAddress else { return }
                try LAPACK.solvePositiveDefinite(a, order: 4, x)
            }
        }
        for i in 0..<4 { #expect(abs(b[i] - truth[i]) < 1e-12, "x[\(i)]") }
        var indefinite: [Double] = [1, 2, 2, 1], rhs: [Double] = [1, 1]
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try indefinite.withUnsafeMutableBufferPointer { (a) throws(LinearAlgebraError) in
                try rhs.withUnsafeMutableBufferPointer { (x) throws(LinearAlgebraError) in
                    guard let a = a.baseAddress, let x = x.baseAddress else { return }
                    try LAPACK.solvePositiveDefinite(a, order: 2, x)
                }
            }
        }
    }

    /// The pointer-level wrappers TallSkinnyQR uses report through the same typed errors.
    @Test func pointerWrappersThrowTypedErrors() throws {
        // The leading minor of order 2 is 1·1 − 2·2 < 0.
        var indefinite: [Double] = [1, 2, 0, 2, 1, 0, 0, 0, 1]
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try indefinite.withUnsafeMutableBufferPointer { (p) throws(LinearAlgebraError) in
                guard let base = p.baseAddress else { return }
                try LAPACK.choleskyFactor(upper: base, order: 3, leadingDimension: 3)
            }
        }
        // LAPACKE refuses a NaN in its input as an illegal argument, never a trap.
        var withNaN: [Double] = [4, .nan, 0, 9]
        #expect(throws: LinearAlgebraError.illegalArgument(routine: "dpotrf", position: 4)) {
            try withNaN.withUnsafeMutableBufferPointer { (p) throws(LinearAlgebraError) in
                guard let base = p.baseAddress else { return }
                try LAPACK.choleskyFactor(upper: base, order: 2, leadingDimension: 2)
            }
        }
        // A positive definite one factors in place: [[4, 2], [2, 5]] = UᵀU, U = [[2, 1], [0, 2]].
        var spd: [Double] = [4, 2, 2, 5]
        let rcond = try spd.withUnsafeMutableBufferPointer { (p) throws(LinearAlgebraError) -> Double in
            guard let base = p.baseAddress else { return 0 }
            try LAPACK.choleskyFactor(upper: base, order: 2, leadingDimension: 2)
            return try LAPACK.upperTriangularReciprocalCondition(base, order: 2, leadingDimension: 2)
        }
        #expect(spd[0] == 2 && spd[1] == 1 && spd[3] == 2)
        // ‖U‖₁ = 3, ‖U⁻¹‖₁ = ‖[[0.5, −0.25], [0, 0.5]]‖₁ = 0.75: 1/κ₁ = 1/2.25. dtrcon
        // estimates ‖U⁻¹‖₁ from below, so its answer lies between that and 1.
        #expect(rcond >= 1 / 2.25 - 1e-12 && rcond <= 1, "rcond \(rcond)")
    }

    @Test func singularTriangularSolveThrows() throws {
        let u = try Matrix([[1, 2], [0, 0]])
        #expect(throws: LinearAlgebraError.singular(index: 2)) {
            try LAPACK.solveUpperTriangular(u, [1, 1])
        }
    }

    @Test func upperTriangularInverse() throws {
        let u = try Matrix([[2, 1, 0], [0, 4, -1], [0, 0, 0.5]])
        let inverse = try LAPACK.invertUpperTriangular(u)
        let product = try BLAS.product(u, inverse)
        for i in 0..<3 { for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-15) } }
    }

    @Test func matrixShapeErrors() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) {
            try BLAS.product(Matrix(rows: 2, columns: 3), Matrix(rows: 2, columns: 3))
        }
    }
}
