import ArgumentParser
import Foundation
import MLFit

/// Turns the library's errors into one line on stderr and exit status 1, the status for bad
/// data and model files (usage errors exit 64 through ArgumentParser).
enum CommandFailure {
    static func report(_ body: () throws -> Void) throws {
        do {
            do {
                try body()
            } catch let failure as ChunkFailure {
                // The chunk a model's computation failed in says nothing to a user; its error does.
                throw failure.underlying
            }
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch let error as DataError {
            printError("mlfit: error: \(message(for: error))")
            throw ExitCode.failure
        } catch {
            printError("mlfit: error: \(String(describing: error))")
            throw ExitCode.failure
        }
    }

    /// A data error with its remedy in the tool's terms: the library words it with its own
    /// options (`handleInvalid: .skip`), which a user of the command line does not see.
    static func message(for error: DataError) -> String {
        guard let remedy = error.remedy else { return error.problem }
        return "\(error.problem); \(text(of: remedy))"
    }

    static func text(of remedy: DataError.Remedy) -> String {
        switch remedy {
        case .fixOrSkip(let what):
            return "fix \(what) or use --handle-invalid skip to drop such rows"
        case .useDelimiter(let byte):
            let flag = DataError.Remedy.name(of: byte)
            return "use --delimiter \(flag) (the header, split at \(DataError.Remedy.name(of: byte)), "
                + "names that column)"
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
