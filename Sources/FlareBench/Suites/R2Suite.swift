import CBrotli
import FlareR2
import FlareWorkerAPI
import Foundation
import Logging

/// R2 put/get throughput and compression on Building-Vitals timeseries JSON, beside raw libbrotli
/// at the same quality and window in the same run.
public struct R2Suite: BenchSuite {
    /// `r2`.
    public let name = "r2"

    /// Creates the suite.
    public init() {}

    /// Runs the suite: 100 KB, 1 MB and 10 MB objects (100 KB and 1 MB with `quick`).
    /// - Throws: when a bucket cannot be opened or a round trip returns other bytes.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let sizes = options.quick ? [100_000, 1_000_000] : [100_000, 1_000_000, 10_000_000]
        let logger = Logger(label: "swiftflare.bench.r2", factory: { _ in SwiftLogNoOpLogHandler() })
        let bucket = try LocalR2Bucket(
            persistRoot: try options.scratch("r2"), bucketName: "bench", logger: logger)
        let unsynced = try LocalR2Bucket(
            persistRoot: try options.scratch("r2-nosync"), bucketName: "bench", logger: logger,
            options: LocalR2Options(syncWrites: false))
        let policy = bucket.options.compression
        var results: [BenchMeasurement] = []
        for nominal in sizes {
            let data = Self.timeseriesJSON(bytes: nominal)
            let size = data.count
            let (quality, window) = policy.brotliParameters(size: size)
            let label = Self.label(nominal)
            // Enough repetitions inside one sample that a sample takes tens of milliseconds at least
            // (gets are several times faster than puts, so they get more).
            let inner = max(options.quick ? 1 : 2, (options.quick ? 4_000_000 : 40_000_000) / size)
            let getInner = inner * 4
            let note = "Building-Vitals point_samples JSON, \(label), Brotli quality \(quality), window \(window)"
            let http = R2PutOptions(httpMetadata: R2HTTPMetadata(contentType: "application/json"))
            var counter = 0
            results.append(
                try await BenchTiming.compareRates(
                    suite: name, metric: "put_\(label)", unit: "MB/s", reps: options.reps,
                    baselineName: "raw libbrotli compress (q\(quality), lgwin \(window))", target: ">= 0.70",
                    note: note
                        + "; put includes MD5 and the index commit (blobs over 128 KB stored: temp file, fsync, rename)",
                    subject: {
                        let seconds = try await BenchTiming.seconds {
                            for _ in 0..<inner {
                                counter += 1
                                try await bucket.put("obj-\(label)-\(counter % 4)", .bytes(data), options: http)
                            }
                        }
                        return Double(size * inner) / seconds / 1e6
                    },
                    baseline: {
                        let seconds = await BenchTiming.seconds {
                            for _ in 0..<inner { _ = Self.compress(data, quality: quality, window: window) }
                        }
                        return Double(size * inner) / seconds / 1e6
                    }))
            results.append(
                try await BenchTiming.compareRates(
                    suite: name, metric: "put_\(label)_nosync", unit: "MB/s", reps: options.reps,
                    baselineName: "raw libbrotli compress (q\(quality), lgwin \(window))", target: ">= 0.70",
                    note: note + "; syncWrites: false (atomic rename and index commit, no fdatasync)",
                    subject: {
                        let seconds = try await BenchTiming.seconds {
                            for _ in 0..<inner {
                                counter += 1
                                try await unsynced.put("obj-\(label)-\(counter % 4)", .bytes(data), options: http)
                            }
                        }
                        return Double(size * inner) / seconds / 1e6
                    },
                    baseline: {
                        let seconds = await BenchTiming.seconds {
                            for _ in 0..<inner { _ = Self.compress(data, quality: quality, window: window) }
                        }
                        return Double(size * inner) / seconds / 1e6
                    }))
            try await bucket.put("get-\(label)", .bytes(data), options: http)
            let compressed = Self.compress(data, quality: quality, window: window)
            guard try await bucket.get("get-\(label)")?.bytes() == data else {
                throw R2AdminError("r2 bench: the object read back differs")
            }
            results.append(
                try await BenchTiming.compareRates(
                    suite: name, metric: "get_\(label)", unit: "MB/s", reps: options.reps,
                    baselineName: "raw libbrotli decompress", target: ">= 0.60",
                    note: note + "; get includes the index lookup, open and reading the body",
                    subject: {
                        let seconds = try await BenchTiming.seconds {
                            for _ in 0..<getInner { _ = try await bucket.get("get-\(label)")?.bytes() }
                        }
                        return Double(size * getInner) / seconds / 1e6
                    },
                    baseline: {
                        let seconds = await BenchTiming.seconds {
                            for _ in 0..<getInner { _ = Self.decompress(compressed, size: size) }
                        }
                        return Double(size * getInner) / seconds / 1e6
                    }))
            let stored =
                try R2Admin(persistRoot: bucket.persistRoot, logger: logger).blobEncodings(bucket: "bench")[
                    "get-\(label)"]?.storedSize ?? size
            let ratio = Double(stored) / Double(size)
            let rawRatio = Double(compressed.count) / Double(size)
            results.append(
                BenchMeasurement(
                    suite: name, metric: "stored_ratio_\(label)", unit: "stored/logical", value: ratio,
                    baselineName: "raw libbrotli (same quality)", baselineValue: rawRatio,
                    ratio: ratio > 0 ? rawRatio / ratio : nil, reps: 1, target: "<= 0.10",
                    note: "lower is better; ratio = raw/stored (1.0: the blob is as small as raw Brotli)"))
        }
        return results
    }

    private static func label(_ size: Int) -> String {
        size >= 1_000_000 ? "\(size / 1_000_000)MB" : "\(size / 1000)KB"
    }

    /// One-shot libbrotli compression at `quality` and `window` (text mode, as the bucket uses for JSON).
    static func compress(_ data: Data, quality: Int32, window: Int32) -> Data {
        var outSize = BrotliEncoderMaxCompressedSize(data.count)
        var out = Data(count: outSize)
        let ok = out.withUnsafeMutableBytes { outBuffer in
            data.withUnsafeBytes { input in
                BrotliEncoderCompress(
                    quality, window, BROTLI_MODE_TEXT, data.count, input.bindMemory(to: UInt8.self).baseAddress,
                    &outSize, outBuffer.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        precondition(ok == BROTLI_TRUE, "libbrotli compression failed")
        out.count = outSize
        return out
    }

    /// One-shot libbrotli decompression into a fresh buffer of the known size.
    static func decompress(_ data: Data, size: Int) -> Data {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var outSize = size
        let result = data.withUnsafeBytes { input in
            BrotliDecoderDecompress(
                data.count, input.bindMemory(to: UInt8.self).baseAddress, &outSize,
                buffer.assumingMemoryBound(to: UInt8.self))
        }
        precondition(result == BROTLI_DECODER_RESULT_SUCCESS, "libbrotli decompression failed")
        return Data(bytesNoCopy: buffer, count: outSize, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    /// Deterministic timeseries JSON of about `bytes` bytes in the ACE API's shape:
    /// `{"point_samples":[{"name":…,"value":…,"time":…},…],"next_cursor":null,"has_more":false}`.
    public static func timeseriesJSON(bytes: Int) -> Data {
        let points = [
            "Exhaust_Damper", "Outside_Air_Damper", "Return_Air_Temp", "Supply_Air_Temp", "Mixed_Air_Temp",
            "Supply_Fan_Status", "Supply_Fan_Speed", "Cooling_Valve", "Heating_Valve", "Zone_Temp", "Zone_Setpoint",
            "Static_Pressure",
        ].map { "ses/ses_falls_city/192.168.96.3/n4/FallsCity_CMC/C.Drivers.LonNetwork1.AHUDampers.points.\($0)" }
        var state: UInt64 = 0x5eed
        var text = "{\"point_samples\":["
        text.reserveCapacity(bytes + 512)
        var index = 0
        let start = 1_735_689_600  // 2025-01-01T00:00:00Z
        while text.utf8.count < bytes - 64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let point = index % points.count
            let seconds = start + (index / points.count) * 300
            let value = Double(Int((state >> 33) % 100_000)) / 100
            let day = seconds / 86_400 - 20_089 + 1
            let time = seconds % 86_400
            let stamp = String(
                format: "2025-01-%02dT%02d:%02d:%02dZ", min(day, 28), time / 3600, (time / 60) % 60, time % 60)
            if index > 0 { text += "," }
            text += "{\"name\":\"\(points[point])\",\"value\":\"\(value)\",\"time\":\"\(stamp)\"}"
            index += 1
        }
        text += "],\"next_cursor\":null,\"has_more\":false}"
        return Data(text.utf8)
    }
}
