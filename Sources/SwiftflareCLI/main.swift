import Swiftflare

await SwiftflareCommand.main(workers: [])
