import ArgumentParser
import FlareConfig
import FlareD1
import FlareWorkerAPI
import Foundation

extension D1Command {
    struct Migrations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrations", abstract: "Create, list and apply D1 migrations.",
            subcommands: [CreateMigration.self, ListMigrations.self, ApplyMigrations.self])
    }

    struct MigrationOptions: ParsableArguments {
        @Option(
            name: .customLong("migrations-dir"),
            help: "The migrations folder (default: the config's migrations_dir, else migrations).")
        var migrationsDir: String?
        @Option(
            name: .customLong("migrations-table"),
            help: "The migrations table (default: the config's migrations_table, else d1_migrations).")
        var table: String?

        /// The folder and table: the options, else those of the config that binds the database.
        func migrations(for target: Target) -> D1Migrations {
            let config = D1Command.config(target.database, global: target.global)
            return D1Migrations(
                directory: URL(
                    fileURLWithPath: migrationsDir ?? config?.migrationsDir ?? D1DatabaseConfig.defaultMigrationsDir),
                table: table ?? config?.migrationsTable ?? D1DatabaseConfig.defaultMigrationsTable)
        }
    }

    struct CreateMigration: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a migration file.")
        @OptionGroup var target: Target
        @Argument(help: "What the migration does.") var message: String
        @OptionGroup var options: MigrationOptions

        func run() async throws {
            let url = try options.migrations(for: target).create(message: message, now: SystemClock().now())
            print("✅ Successfully created Migration '\(url.lastPathComponent)'!")
            print(url.path)
        }
    }

    struct ListMigrations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List pending migrations.")
        @OptionGroup var target: Target
        @OptionGroup var options: MigrationOptions

        func run() async throws {
            let pending = try await options.migrations(for: target).pending(on: try D1Command.open(target))
            if pending.isEmpty {
                print("✅ No migrations to apply!")
                return
            }
            print("Migrations to be applied:")
            print("Name")
            for name in pending { print(name) }
        }
    }

    struct ApplyMigrations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply pending migrations.")
        @OptionGroup var target: Target
        @OptionGroup var options: MigrationOptions

        func run() async throws {
            let db = try D1Command.open(target)
            let pending = try await options.migrations(for: target).pending(on: db)
            if pending.isEmpty {
                print("✅ No migrations to apply!")
                return
            }
            print("Migrations to be applied:")
            print("name")
            for name in pending { print(name) }
            try await options.migrations(for: target).apply(on: db) { name, ok in
                print("\(name)\t\(ok ? "✅" : "❌")")
                if !ok { print("Migration \(name) failed with the following errors:") }
            }
        }
    }
}
