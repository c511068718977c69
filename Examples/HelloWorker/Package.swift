// swift-tools-version:6.1
import PackageDescription

// Your own Swift workers with the whole `swiftflare` CLI: depend on the `Swiftflare` product and
// call `SwiftflareCommand.main(workers:)` from your executable.
let package = Package(
    name: "HelloWorker",
    platforms: [.macOS(.v15)],
    dependencies: [
        // From a clone of swiftflare; elsewhere: .package(url: "<swiftflare git URL>", branch: "main").
        .package(name: "swiftflare", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "HelloWorker",
            dependencies: [
                .product(name: "Swiftflare", package: "swiftflare"),
                .product(name: "FlareWorkerAPI", package: "swiftflare"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
