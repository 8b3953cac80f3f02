import Testing

@testable import MLData

/// The one order of categorical levels: numeric when every value is a finite number,
/// UTF-8 byte order otherwise — as scikit-learn orders `classes_` (`np.unique`).
@Suite struct CategoricalLevelsTests {
    @Test(arguments: [
        // np.unique([2, 10, 9]) → [2, 9, 10]: numbers order by value, not as text.
        (["2", "10", "9", "10"], ["2", "9", "10"]),
        // np.unique(["b", "a", "B"]) → ['B', 'a', 'b']: byte order, capitals first.
        (["b", "a", "B"], ["B", "a", "b"]),
        // One value that is no number puts the whole column in byte order.
        (["2", "10", "x", "9"], ["10", "2", "9", "x"]),
        // NaN and infinity are not finite numbers.
        (["2", "10", "nan"], ["10", "2", "nan"]),
        (["2", "inf", "10"], ["10", "2", "inf"]),
        // Signs, fractions and exponents order by value.
        (["-1.5", "1e1", "0.25", "-3"], ["-3", "-1.5", "0.25", "1e1"]),
        // Bytes, not Unicode collation: "é" (0xC3 0xA9) sorts after "z" (0x7A).
        (["é", "z", "a", "Z"], ["Z", "a", "z", "é"]),
        ([], []),
    ])
    func order(values: [String], levels: [String]) {
        #expect(CategoricalLevels.levels(of: values) == levels)
    }

    @Test func equalNumbersAreOneLevelSpelledAsFirstWritten() {
        // `1.0` comes first in row order, so it names the level that `1` and `1e0` share.
        let (levels, codes) = CategoricalLevels.encode(["1.0", "2", "1", "1e0", "2.00"])
        #expect(levels == ["1.0", "2"])
        #expect(codes == [0, 1, 0, 0, 1])
        // -0 and 0 are equal numbers.
        #expect(CategoricalLevels.encode(["0", "-0", "-1"]) == (["-1", "0"], [1, 1, 0]))
        #expect(CategoricalLevels.levels(of: ["-0", "0"]) == ["-0"])
    }

    @Test func codesIndexTheLevels() {
        let values = ["virginica", "setosa", "versicolor", "setosa", "virginica"]
        let (levels, codes) = CategoricalLevels.encode(values)
        #expect(levels == ["setosa", "versicolor", "virginica"])
        #expect(codes == [2, 0, 1, 0, 2])
        #expect(codes.map { levels[$0] } == values)
    }

    @Test func orderDependsOnTheSetOfValuesOnly() {
        let values = ["10", "9", "2", "b", "a", "B", "10"]
        let reference = CategoricalLevels.levels(of: values)
        var generator = SplitMix(seed: 3)
        for _ in 0..<20 {
            var shuffled = values
            shuffled.shuffle(using: &generator)
            #expect(CategoricalLevels.levels(of: shuffled) == reference)
        }
    }

    @Test func numericLevelsAreMatchedByValue() {
        #expect(CategoricalLevels.isNumeric(["1", "2.5", "-3e2"]))
        #expect(!CategoricalLevels.isNumeric(["1", "two"]))
        let matcher = LevelMatcher(levels: ["1", "2"])
        for (text, expected) in [("1.0", 0), ("1", 0), ("2e0", 1), ("3", nil), ("x", nil)] as [(String, Int?)] {
            #expect(Self.code(matcher, text) == expected)
        }
        // Levels that are not all numbers match by exact bytes.
        let text = LevelMatcher(levels: ["a", "B", "1"])
        #expect(Self.code(text, "a") == 0)
        #expect(Self.code(text, "1") == 2)
        #expect(Self.code(text, "b") == nil)
        #expect(Self.code(text, "1.0") == nil)
    }
}

extension CategoricalLevelsTests {
    static func code(_ matcher: LevelMatcher, _ text: String) -> Int? {
        ByteInterner.withBytes(Array(text.utf8)) { matcher.code($0, $0 + $1) }
    }
}

/// SplitMix64, for shuffles that are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
