import Foundation

/// Where and how one comparison runs: the data file, the programs, run counts and threads,
/// and which peers exist. Its helpers build a case's contenders, so every case times the
/// same kinds of programs the same way.
struct CaseSetup: Sendable {
    var file: String
    /// The label column (empty for a task that writes none: clustering).
    var label: String
    var mlfit: String
    var peers: String
    var python: String
    var scratch: String
    var repeats: Int
    var sparkRepeats: Int
    var threads: Int
    var availability: PeerAvailability

    /// Where `mlfit train` writes its model file; the runner reads the CLI's result there.
    var modelPath: String { scratch + "/mlfit-model.json" }

    /// `mlfit ARGUMENTS` (e.g. `train linear-regression --data … --model modelPath`).
    func cli(_ arguments: [String]) -> Contender {
        Contender(name: "mlfit CLI", kind: .mlfitCLI, arguments: [mlfit] + arguments, runs: repeats)
    }

    /// This suite's `fit-in-memory --case C FILE ARGUMENTS`: mlfit's library on a loaded `Dataset`.
    func library<C: BenchmarkCase>(_ benchmark: C.Type, name: String = "mlfit library", _ arguments: [String]) -> Contender {
        Contender(name: name, kind: .mlfitLibrary,
                  arguments: [selfExecutable(), "fit-in-memory", "--case", C.name.rawValue, file] + arguments, runs: repeats)
    }

    /// The installed ones of scikit-learn, scikit-learn-intelex (`--intelex` on the same
    /// script; `intelex: false` for an estimator it does not accelerate) and Spark MLlib,
    /// each run as `python SCRIPT FILE ARGUMENTS`.
    func peers(sklearn: String?, spark: String?, intelex: Bool = true, _ arguments: [String]) -> [Contender] {
        var list: [Contender] = []
        if let sklearn, availability.sklearn {
            list.append(Contender(name: "scikit-learn", kind: .peer,
                                  arguments: [python, peers + "/" + sklearn, file] + arguments, runs: repeats))
        }
        if let sklearn, intelex, availability.sklearnex {
            list.append(Contender(name: "sklearnex", kind: .peer,
                                  arguments: [python, peers + "/" + sklearn, file] + arguments + ["--intelex"], runs: repeats))
        }
        if let spark, availability.spark {
            // A JVM start costs seconds: Spark gets its own (smaller) run count and no warm-up run.
            list.append(Contender(name: "Spark MLlib", kind: .peer,
                                  arguments: [python, peers + "/" + spark, file] + arguments,
                                  runs: sparkRepeats, warmUp: false))
        }
        return list
    }

    /// `python SCRIPT FILE ARGUMENTS` for a library the case declared in
    /// ``BenchmarkCase/pythonLibraries`` (XGBoost, LightGBM), named after it; none when it is
    /// not importable (the report says so).
    func peer(_ library: PythonLibrary, script: String, _ arguments: [String]) -> [Contender] {
        guard availability.libraries.contains(library) else { return [] }
        return [Contender(name: library.name, kind: .peer,
                          arguments: [python, peers + "/" + script, file] + arguments, runs: repeats)]
    }

    /// The accuracy `mlfit evaluate --json` reports for `model` on this setup's file (not timed).
    func evaluatedAccuracy(model: String) throws -> Double {
        let run = try runChecked(
            [mlfit, "evaluate", "--model", model, "--data", file, "--label", label, "--json",
             "--threads", "\(threads)", "--quiet"], scratch: scratch)
        guard let json = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any],
            let accuracy = json["accuracy"] as? Double
        else { throw BenchmarkError("`mlfit evaluate --json` printed no accuracy: \(run.output.prefix(500))") }
        return accuracy
    }
}

/// A Python library a case's peers need beyond scikit-learn and pyspark, probed only for
/// the cases that declare it (``BenchmarkCase/pythonLibraries``).
struct PythonLibrary: Sendable, Hashable {
    /// The contender's name in the tables ("XGBoost").
    var name: String
    /// What the peer script imports, checked with `python -c "import …"` ("xgboost, pandas").
    var imports: String
    /// What to install (`pip install …`), for the report's note.
    var package: String

    static let xgboost = PythonLibrary(name: "XGBoost", imports: "xgboost, pandas", package: "xgboost pandas")
    static let lightgbm = PythonLibrary(name: "LightGBM", imports: "lightgbm, pandas", package: "lightgbm pandas")
}

/// Which peers exist here; the missing ones are skipped with a note, never faked.
struct PeerAvailability: Sendable {
    var sklearn: Bool
    var sklearnex: Bool
    var spark: Bool
    /// The importable ones of the libraries the case asked for.
    var libraries: Set<PythonLibrary> = []
    var notes: [String] = []

    static func probe(
        python: String, scratch: String, wantSpark: Bool, libraries: [PythonLibrary] = []
    ) throws -> PeerAvailability {
        func importable(_ module: String) throws -> Bool {
            try runChild([python, "-c", "import \(module)"], scratch: scratch).exitCode == 0
        }
        let spark = wantSpark ? try importable("pyspark") : false
        var a = PeerAvailability(
            sklearn: try importable("sklearn, pandas"), sklearnex: try importable("sklearnex"), spark: spark)
        if !a.sklearn { a.notes.append("scikit-learn or pandas is not importable (`pip install scikit-learn pandas`): scikit-learn peers skipped.") }
        if !a.sklearnex { a.notes.append("scikit-learn-intelex is not importable (`pip install scikit-learn-intelex`): its peer skipped.") }
        if !wantSpark {
            a.notes.append("Spark MLlib was not run (`--no-spark`).")
        } else if !a.spark {
            a.notes.append("pyspark is not importable (`pip install pyspark`, needs Java 17): Spark MLlib skipped.")
        }
        for library in libraries {
            if try importable(library.imports) {
                a.libraries.insert(library)
            } else {
                a.notes.append("\(library.name) is not importable (`pip install \(library.package)`): its peer skipped.")
            }
        }
        return a
    }
}
