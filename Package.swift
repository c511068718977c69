// swift-tools-version:6.1
import PackageDescription

// Modules as in ../shared/design/ARCHITECTURE.md; dependencies only point down.
let package = Package(
    name: "swiftflare",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swiftflare", targets: ["SwiftflareCLI"]),
        .library(name: "Swiftflare", targets: ["Swiftflare"]),
        .library(name: "FlareWorkerAPI", targets: ["FlareWorkerAPI"]),
        .library(name: "FlareTesting", targets: ["FlareTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "CBrotli",
            pkgConfig: "libbrotlienc",
            providers: [.apt(["libbrotli-dev"])]
        ),
        // glibc's <malloc.h> (mallopt), for the CLI's allocator settings.
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // What a worker sees: protocols and value types, no I/O.
        .target(
            name: "FlareWorkerAPI",
            dependencies: [
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // wrangler TOML/JSON(C) -> WorkerConfig + Diagnostics. No other Flare dependency.
        .target(
            name: "FlareConfig",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),

        // Bindings.
        // SQLite helpers shared by the bindings' GRDB databases (background WAL checkpoints, raw
        // statement access on hot paths).
        .target(
            name: "FlareSQLiteSupport",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "FlareD1",
            dependencies: [
                "FlareWorkerAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlareQueues",
            dependencies: [
                "FlareWorkerAPI", "FlareSQLiteSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlareR2",
            dependencies: [
                "FlareWorkerAPI", "FlareSQLiteSupport",
                "CBrotli",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The S3-compatible API over local R2 buckets (Signature V4, S3's XML); no HTTP server.
        .target(
            name: "FlareS3",
            dependencies: [
                "FlareR2", "FlareWorkerAPI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlareCron",
            dependencies: [
                "FlareWorkerAPI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlareFetch",
            dependencies: [
                "FlareWorkerAPI",
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Ported workers: they import FlareWorkerAPI only (plus Foundation and Crypto).
        .target(
            name: "FlareWorkers",
            dependencies: [
                "FlareWorkerAPI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Wiring: config -> bindings -> workers; dev server; services.
        .target(
            name: "FlareRuntime",
            dependencies: [
                "FlareWorkerAPI", "FlareConfig", "FlareD1", "FlareQueues", "FlareR2", "FlareCron", "FlareFetch",
                "FlareWorkers", "FlareS3",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "FlareVerify",
            dependencies: [
                "FlareRuntime", "FlareConfig", "FlareWorkerAPI", "FlareQueues", "FlareD1", "FlareCron",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FlareBench",
            dependencies: [
                "FlareRuntime", "FlareConfig", "FlareD1", "FlareQueues", "FlareR2", "FlareCron", "FlareFetch",
                "FlareWorkers", "CBrotli",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "FlareTesting",
            dependencies: [
                "FlareRuntime", "FlareWorkerAPI", "FlareWorkers", "FlareConfig", "FlareFetch",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The CLI as a library (for people's own worker packages) and the thin executable.
        .target(
            name: "Swiftflare",
            dependencies: [
                "FlareRuntime", "FlareConfig", "FlareVerify", "FlareBench", "FlareD1", "FlareQueues", "FlareR2",
                "FlareCron", "FlareFetch", "FlareWorkers", "FlareWorkerAPI", "FlareS3", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "SwiftflareCLI", dependencies: ["Swiftflare"]),
        // Examples/HelloWorker's sources, compiled with the root package so that `swift build` checks
        // them for free; scripts/build-examples.sh builds the example as its own package.
        .executableTarget(
            name: "HelloWorkerExample", dependencies: ["Swiftflare", "FlareWorkerAPI"],
            path: "Examples/HelloWorker/Sources/HelloWorker"),

        // One Swift Testing target per module.
        .testTarget(name: "FlareWorkerAPITests", dependencies: ["FlareWorkerAPI"]),
        .testTarget(
            name: "FlareConfigTests",
            dependencies: ["FlareConfig", "FlareTesting"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "FlareSQLiteSupportTests",
            dependencies: ["FlareSQLiteSupport", "FlareTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "FlareD1Tests", dependencies: ["FlareD1", "FlareWorkerAPI", "FlareTesting"]),
        .testTarget(
            name: "FlareQueuesTests",
            dependencies: [
                "FlareQueues", "FlareWorkerAPI", "FlareTesting", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "FlareR2Tests", dependencies: ["FlareR2", "FlareWorkerAPI", "FlareTesting"]),
        .testTarget(
            name: "FlareS3Tests",
            dependencies: [
                "FlareS3", "FlareR2", "FlareWorkerAPI", "FlareTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "FlareCronTests", dependencies: ["FlareCron", "FlareWorkerAPI", "FlareTesting"]),
        .testTarget(name: "FlareFetchTests", dependencies: ["FlareFetch", "FlareWorkerAPI", "FlareTesting", "CBrotli"]),
        .testTarget(
            name: "FlareWorkersTests",
            dependencies: [
                "FlareWorkers", "FlareWorkerAPI", "FlareTesting", "FlareD1", "FlareQueues", "FlareR2", "FlareFetch",
                "FlareConfig", "FlareRuntime",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FlareRuntimeTests",
            dependencies: [
                "FlareRuntime", "FlareTesting", "FlareConfig", "FlareFetch", "FlareWorkerAPI", "FlareS3", "FlareR2",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "VerifyDeploymentTests",
            dependencies: [
                "FlareVerify", "FlareTesting", "FlareRuntime", "FlareConfig", "FlareWorkerAPI", "FlareWorkers",
                "FlareQueues", "FlareD1", "FlareFetch",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "FlareBenchTests", dependencies: ["FlareBench", "FlareTesting"]),
        .testTarget(name: "SwiftflareTests", dependencies: ["Swiftflare", "FlareTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
