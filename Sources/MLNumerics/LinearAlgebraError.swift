/// A failure reported by a BLAS or LAPACK routine, or a shape mistake caught before the call.
///
/// LAPACK reports through an `info` code: negative means argument `-info` was illegal (a bug
/// in the caller, never the data), positive is a property of the data. The internal
/// `check(_:routine:positive:)` is the one place where those codes become Swift errors.
public enum LinearAlgebraError: Error, Hashable, Sendable {
    /// LAPACK rejected argument number `position` of `routine` (a programming error).
    case illegalArgument(routine: String, position: Int)
    /// The leading minor of this order (1-based) is not positive definite.
    case notPositiveDefinite(order: Int)
    /// A triangular factor has an exact zero on its diagonal at this index (1-based).
    case singular(index: Int)
    /// Matrix or vector sizes do not fit together.
    case dimensionMismatch(String)
    /// LAPACK could not allocate its workspace.
    case outOfMemory(routine: String)
    /// Any other positive `info` a routine documents.
    case failed(routine: String, info: Int)
}

extension LinearAlgebraError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "internal error: argument \(position) of LAPACK's \(routine) was illegal"
        case let .notPositiveDefinite(order):
            return "the matrix is not positive definite (leading minor of order \(order))"
        case let .singular(index):
            return "the matrix is singular (zero pivot at position \(index))"
        case let .dimensionMismatch(text):
            return "dimension mismatch: \(text)"
        case let .outOfMemory(routine):
            return "LAPACK's \(routine) could not allocate its workspace"
        case let .failed(routine, info):
            return "LAPACK's \(routine) failed with info = \(info)"
        }
    }
}

/// Turns a LAPACK `info` code into a thrown error. `positive` maps a positive code to the
/// routine's documented domain error.
@inline(__always)
func check(
    _ info: Int32, routine: String,
    positive: (Int) -> LinearAlgebraError = { .singular(index: $0) }
) throws(LinearAlgebraError) {
    if info == 0 { return }
    // LAPACKE returns -1010 when its own workspace allocation fails.
    if info == -1010 { throw .outOfMemory(routine: routine) }
    if info < 0 { throw .illegalArgument(routine: routine, position: Int(-info)) }
    throw positive(Int(info))
}
