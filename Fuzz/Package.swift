// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for swiftflare's parsers (docs/reliability.md). The library sources are
// symlinks into ../Sources, so only what the parsers need is built with `-sanitize=fuzzer`.
// Build and run: scripts/fuzz.sh [seconds].
let package = Package(
    name: "swiftflare-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "FlareWorkerAPI",
            dependencies: [
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "FlareConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "FlareCron", dependencies: ["FlareWorkerAPI", .product(name: "Logging", package: "swift-log")]),
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        .executableTarget(name: "FuzzConfig", dependencies: ["FlareConfig", "FuzzSupport"]),
        .executableTarget(name: "FuzzCron", dependencies: ["FlareCron", "FuzzSupport"]),
        .executableTarget(name: "FuzzQueueJSON", dependencies: ["FlareWorkerAPI", "FuzzSupport"]),
    ]
)
