/// The one rule that orders the levels of a categorical column — the classes of a classifier's
/// label and the categories of a categorical feature — and gives each value its code.
///
/// **Numeric order when every value parses as a finite number, otherwise UTF-8 byte order**,
/// as scikit-learn orders `classes_`: labels `2, 10, 9` order as `2, 9, 10`, and `b, a, B` as
/// `B, a, b`. The order depends on the set of values only — never on how the rows were cut
/// into chunks, on the thread count or on the order of the rows — so a model fitted from a
/// CSV file and one fitted in memory from the same values agree on their codes.
///
/// - A value is a number when ``NumberParser`` reads it as one finite number (`nan`, `inf`
///   and text are not, so one of them puts the whole column in byte order).
/// - In numeric order, values equal as numbers (`1`, `1.0`, `1e0`; `-0` and `0`) are one
///   level, spelled as the first of them in row order.
/// - In byte order values are compared as UTF-8 bytes, without Unicode normalization: two
///   spellings of `é` are two levels, as they are two byte strings in a file.
///
/// Each row then holds the index of its level in ``levels(of:)`` as a `Double` (0, 1, 2, …),
/// so numeric kernels read categorical columns like any other.
///
/// ```swift
/// CategoricalLevels.levels(of: ["2", "10", "9", "10"])  // ["2", "9", "10"]
/// CategoricalLevels.levels(of: ["b", "a", "B"])         // ["B", "a", "b"]
/// CategoricalLevels.encode(["1.0", "2", "1"])           // (["1.0", "2"], [0, 1, 0])
/// ```
public enum CategoricalLevels {
    /// The levels of `values` (repeats allowed, in row order) ordered by the rule.
    public static func levels(of values: [String]) -> [String] {
        encode(values).levels
    }

    /// The levels of `values` and the code of each value: its level's index.
    ///
    /// - Complexity: O(n + k log k) for n values of which k are distinct.
    public static func encode(_ values: [String]) -> (levels: [String], codes: [Int]) {
        var firstIndex: [[UInt8]: Int] = [:]
        var spellings: [String] = []
        let spellingOfValue = values.map { value in
            let bytes = Array(value.utf8)
            if let known = firstIndex[bytes] { return known }
            firstIndex[bytes] = spellings.count
            spellings.append(value)
            return spellings.count - 1
        }
        let (levels, codes) = resolve(spellings)
        return (levels, spellingOfValue.map { codes[$0] })
    }

    /// Orders `spellings` — distinct as byte strings, in the order of their first occurrence
    /// in the rows — by the rule, and gives the code of each spelling.
    ///
    /// The order of `spellings` matters only for which of several numerically equal spellings
    /// names their level (the first one); the set of levels and their order do not depend on it.
    public static func resolve(_ spellings: [String]) -> (levels: [String], codes: [Int]) {
        let numbers = spellings.map(number)
        var codes = [Int](repeating: 0, count: spellings.count)
        if numbers.allSatisfy({ $0 != nil }) {
            // Equal numbers (+0 and -0 included, as `==` holds) are one level, named by the
            // spelling met first: the stable sort keeps equal values in first-occurrence order.
            let order = spellings.indices.sorted { (numbers[$0] ?? 0, $0) < (numbers[$1] ?? 0, $1) }
            var levels: [String] = []
            var previous: Double? = nil
            for index in order {
                let value = numbers[index] ?? 0
                if value != previous {
                    levels.append(spellings[index])
                    previous = value
                }
                codes[index] = levels.count - 1
            }
            return (levels, codes)
        }
        let order = spellings.indices.sorted { spellings[$0].utf8.lexicographicallyPrecedes(spellings[$1].utf8) }
        for (code, index) in order.enumerated() { codes[index] = code }
        return (order.map { spellings[$0] }, codes)
    }

    /// Whether `levels` are in numeric order, that is every one is a finite number: values are
    /// then matched to them by numeric value (`1.0` matches `1`), otherwise by exact text.
    public static func isNumeric(_ levels: [String]) -> Bool {
        levels.allSatisfy { number($0) != nil }
    }

    /// The finite number `value` spells, or `nil`.
    static func number(_ value: String) -> Double? {
        var text = value
        return text.withUTF8 { NumberParser.parse(UnsafeRawBufferPointer($0)) }
    }
}
