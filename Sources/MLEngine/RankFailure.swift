/// A failure on another rank of a distributed pass, as every rank learns it: the failing
/// rank's account of its error, when the error is not one the ranks can rebuild as a typed
/// value (a ``DataError`` is rebuilt as itself).
public struct RankFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rank that failed, `nil` when the ranks failed together (combining their statistics).
    public let rank: Int?
    public let message: String

    public init(rank: Int?, message: String) {
        self.rank = rank
        self.message = message
    }

    public var description: String {
        guard let rank else { return message }
        return "rank \(rank): \(message)"
    }
}
