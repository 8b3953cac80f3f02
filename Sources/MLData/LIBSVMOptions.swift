/// How to read a LIBSVM file.
public struct LIBSVMOptions: Sendable, Hashable {
    /// The number of features, or `nil` to find the largest index with a first quick pass
    /// over the file, as Spark does. Indices above it are errors.
    public var numFeatures: Int?
    /// What to do with malformed lines.
    public var handleInvalid: InvalidRowPolicy
    /// Bytes read and parsed as one chunk (see ``CSVOptions/bytesPerBlock``).
    public var bytesPerBlock: Int
    /// The classes of a classifier's label (a model's, to evaluate it), in code order: each
    /// label is read as the index of the class whose number it equals (`-1` is class `"-1"`),
    /// and a label among none of them is ``DataError/unknownCategory(_:found:known:)``.
    /// `nil`: labels are numbers.
    public var labelClasses: [String]?

    /// The most features a LIBSVM file may have: chunks are dense, `rows × features`
    /// doubles, so very sparse wide data would not fit in memory.
    public static let featureLimit = 65_536

    public init(
        numFeatures: Int? = nil, handleInvalid: InvalidRowPolicy = .error,
        bytesPerBlock: Int = CSVOptions.defaultBytesPerBlock
    ) {
        self.numFeatures = numFeatures
        self.handleInvalid = handleInvalid
        self.bytesPerBlock = max(1, bytesPerBlock)
    }
}
