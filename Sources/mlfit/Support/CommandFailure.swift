import ArgumentParser
import Foundation

/// Turns the library's errors into one line on stderr and exit status 1, the status for bad
/// data and model files (usage errors exit 64 through ArgumentParser).
enum CommandFailure {
    static func report(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("mlfit: error: \(String(describing: error))")
            throw ExitCode.failure
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
