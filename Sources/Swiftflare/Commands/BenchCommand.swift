import ArgumentParser
import FlareBench
import Foundation

/// `swiftflare bench`: Run the benchmark suites.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark suites (build with -c release for meaningful figures).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Suites to run, in order (default: all).")
    var suites: [String] = []

    @Flag(help: "Smaller sizes and fewer repetitions (all suites in under two minutes).")
    var quick = false

    @Option(name: .customLong("json"), help: "Also write the measurements as a JSON array to this file.")
    var jsonPath: String?

    @Option(help: "Repetitions per measurement (default: 3 with --quick, else 5).")
    var reps: Int?

    func run() async throws {
        let runner = BenchRunner(quick: quick, reps: reps)
        let report: BenchReport
        do {
            report = try await runner.run(names: suites) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch let error as BenchError {
            throw ValidationError(error.message)
        }
        print(report.table())
        if let jsonPath {
            try report.jsonData().write(to: URL(fileURLWithPath: jsonPath))
        }
        if report.hasFailures { throw ExitCode.failure }
    }
}
