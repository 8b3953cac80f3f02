import Foundation
import Testing

/// A model file damaged in any way is refused with one line on stderr (exit 1) or, when the
/// damage leaves a valid model, used (exit 0) — never a crash, by `info`, `predict` or
/// `evaluate`.
@Suite struct ModelFileMutationTests {
    /// One step of a path into a JSON document.
    enum Step: CustomStringConvertible {
        case key(String), index(Int)
        var description: String {
            switch self {
            case .key(let k): return k
            case .index(let i): return "[\(i)]"
            }
        }
    }

    struct Mutation {
        var name: String
        var text: String
    }

    /// Every path in `value` to a number, an array and a dictionary key.
    static func paths(in value: Any, at path: [Step] = []) -> (numbers: [[Step]], arrays: [[Step]], keys: [[Step]]) {
        var result: (numbers: [[Step]], arrays: [[Step]], keys: [[Step]]) = ([], [], [])
        if let dictionary = value as? [String: Any] {
            for key in dictionary.keys.sorted() {
                result.keys.append(path + [.key(key)])
                if let child = dictionary[key] {
                    let inner = paths(in: child, at: path + [.key(key)])
                    result.numbers += inner.numbers
                    result.arrays += inner.arrays
                    result.keys += inner.keys
                }
            }
        } else if let array = value as? [Any] {
            result.arrays.append(path)
            for (i, child) in array.enumerated() {
                let inner = paths(in: child, at: path + [.index(i)])
                result.numbers += inner.numbers
                result.arrays += inner.arrays
                result.keys += inner.keys
            }
        } else if value is NSNumber {
            result.numbers.append(path)
        }
        return result
    }

    /// `value` with the element at `path` replaced by `transform` of it (`nil` removes it).
    static func replacing(_ path: ArraySlice<Step>, in value: Any, with transform: (Any) -> Any?) -> Any? {
        guard let step = path.first else { return transform(value) }
        let rest = path.dropFirst()
        switch step {
        case .key(let key):
            guard var dictionary = value as? [String: Any], let child = dictionary[key] else { return value }
            dictionary[key] = replacing(rest, in: child, with: transform)
            return dictionary
        case .index(let i):
            guard var array = value as? [Any], array.indices.contains(i) else { return value }
            if let replaced = replacing(rest, in: array[i], with: transform) {
                array[i] = replaced
            } else {
                array.remove(at: i)
            }
            return array
        }
    }

    static func mutations(of text: String) throws -> [Mutation] {
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let found = paths(in: document)
        func render(_ value: Any?) throws -> String {
            guard let value else { return "null" }
            return String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
        }
        func name(_ path: [Step]) -> String { path.map(\.description).joined(separator: ".") }
        var out: [Mutation] = []
        for path in found.arrays {
            out.append(Mutation(name: "shorten \(name(path))", text: try render(replacing(path[...], in: document) {
                ($0 as? [Any]).map { Array($0.dropLast()) }
            })))
            out.append(Mutation(name: "lengthen \(name(path))", text: try render(replacing(path[...], in: document) {
                ($0 as? [Any]).map { $0 + [$0.last ?? 0] }
            })))
        }
        for path in found.numbers {
            for (label, replacement) in [("string", "1" as Any), ("1e308", 1e308 as Any), ("-1", -1 as Any)] {
                out.append(Mutation(name: "\(name(path)) = \(label)", text: try render(replacing(path[...], in: document) {
                    _ in replacement
                })))
            }
        }
        for path in found.keys {
            out.append(Mutation(name: "remove \(name(path))", text: try render(replacing(path[...], in: document) {
                _ in nil
            })))
        }
        for k in 1...8 {
            let offset = text.count * k / 9
            out.append(Mutation(name: "truncate at \(offset)", text: String(text.prefix(offset))))
        }
        for (key, value) in [("algorithm", "random-forest" as Any), ("formatVersion", 99 as Any)] {
            out.append(Mutation(name: "\(key) = \(value)", text: try render(replacing([.key(key)][...], in: document) {
                _ in value
            })))
        }
        return out
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test func everyMutationExitsZeroOrOneWithOneLine() throws {
        let dir = try CLI.temporaryDirectory()
        let data = try CLI.write("a,b,y\n1,0,3.1\n2,1,4.2\n3,0,6.8\n4,1,8.1\n5,3,8.3\n6,2,9.9\n", named: "d.csv", in: dir)
        let model = dir.appendingPathComponent("m.json").path
        let train = try CLI.run(["train", "linear-regression", "--data", data, "--label", "y", "--model", model, "--quiet"])
        try #require(train.status == 0, "\(train.stderr)")
        let original = try String(contentsOfFile: model, encoding: .utf8)
        let mutations = try Self.mutations(of: original)
        // Arrays (features, coefficients, three summary arrays), numbers and keys are all there.
        #expect(mutations.count > 100, "\(mutations.count) mutations")
        #expect(mutations.contains { $0.name == "shorten summary.pValues" })

        let failures = Failures()
        let refused = Failures()
        DispatchQueue.concurrentPerform(iterations: mutations.count) { i in
            let mutation = mutations[i]
            let path = dir.appendingPathComponent("mut\(i).json").path
            do {
                try Data(mutation.text.utf8).write(to: URL(fileURLWithPath: path))
                for command in [["info", "--model", path], ["predict", "--model", path, "--data", data],
                                ["evaluate", "--model", path, "--data", data]] {
                    let result = try CLI.run(command)
                    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { !$0.isEmpty }
                    if result.status == 1 {
                        refused.add(mutation.name)
                        if lines.count != 1 || !result.stderr.hasSuffix("\n") || result.stderr.filter({ $0 == "\n" }).count != 1 {
                            failures.add("\(mutation.name): \(command[0]) stderr is not one line: \(result.stderr)")
                        }
                    } else if result.status != 0 {
                        failures.add("\(mutation.name): \(command[0]) exited \(result.status): \(result.stderr)")
                    }
                }
            } catch {
                failures.add("\(mutation.name): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.joined(separator: "\n"))")
        // The checks on load refuse these; before them `info` crashed on a short summary array.
        for name in ["shorten summary.pValues", "lengthen summary.tValues", "shorten summary.coefficientStandardErrors",
                     "summary.rowCount = -1", "summary.degreesOfFreedom = 1e308", "hyperparameters.maxIter = -1",
                     "truncate at \(original.count / 9)", "algorithm = random-forest", "formatVersion = 99"] {
            #expect(refused.all.contains(name), "\(name) was not refused")
        }
    }
}
