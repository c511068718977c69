import ArgumentParser

/// `swiftflare cron`: Cron triggers: list, next fire times, trigger, advance.
struct CronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron", abstract: "Cron triggers: list, next fire times, trigger, advance.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare cron' is not yet available in this build.")
    }
}
