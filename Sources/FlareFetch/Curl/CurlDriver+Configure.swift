import CCurl
import FlareWorkerAPI
import Foundation

extension CurlDriver {
    /// Sets every option of `easy` for `transfer`; returns an error when curl rejects one.
    func configure(_ easy: UnsafeMutableRawPointer, for transfer: CurlTransfer) -> FetchError? {
        let spec = transfer.spec
        // The callbacks' user data; released in `release(_:)`.
        let context = Unmanaged.passRetained(transfer).toOpaque()
        var codes: [CURLcode] = []
        codes.append(swiftflare_curl_setopt_string(easy, CURLOPT_URL, spec.url))
        codes.append(swiftflare_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer))
        codes.append(swiftflare_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        codes.append(swiftflare_curl_setopt_write_callback(easy, curlWriteCallback))
        codes.append(swiftflare_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        codes.append(swiftflare_curl_setopt_header_callback(easy, curlHeaderCallback))
        codes.append(swiftflare_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        codes.append(swiftflare_curl_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, spec.acceptEncoding))
        codes.append(swiftflare_curl_setopt_long(easy, CURLOPT_FOLLOWLOCATION, spec.followRedirects ? 1 : 0))
        codes.append(swiftflare_curl_setopt_long(easy, CURLOPT_MAXREDIRS, spec.maxRedirects))
        codes.append(swiftflare_curl_setopt_long(easy, CURLOPT_TIMEOUT_MS, spec.timeoutMilliseconds))
        codes.append(swiftflare_curl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, spec.connectTimeoutMilliseconds))
        codes.append(contentsOf: configureMethod(easy, transfer: transfer))

        var list: UnsafeMutablePointer<curl_slist>?
        var hasContentType = false
        for (name, value) in spec.headers {
            if name.lowercased() == "content-type" { hasContentType = true }
            // curl sends `Name;` for a header with an empty value (`Name:` would remove it).
            list = curl_slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // No `Expect: 100-continue` round trip, and no form content type curl would invent for POST.
        list = curl_slist_append(list, "Expect:")
        if !hasContentType { list = curl_slist_append(list, "Content-Type:") }
        transfer.headerList = list
        codes.append(swiftflare_curl_setopt_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list)))

        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            return CurlTransfer.error(for: failed, osErrno: 0, detail: "", spec: spec)
        }
        return nil
    }

    private func configureMethod(_ easy: UnsafeMutableRawPointer, transfer: CurlTransfer) -> [CURLcode] {
        let spec = transfer.spec
        switch spec.method {
        case "GET" where spec.body.isEmpty:
            return [swiftflare_curl_setopt_long(easy, CURLOPT_HTTPGET, 1)]
        case "HEAD":
            return [swiftflare_curl_setopt_long(easy, CURLOPT_NOBODY, 1)]
        default:
            var codes: [CURLcode] = []
            if !spec.body.isEmpty || spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH" {
                // POSTFIELDS lets curl resend the body on 307/308 without a rewind callback.
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(spec.body.count, 1), alignment: 1)
                spec.body.copyBytes(to: buffer)
                transfer.bodyBuffer = buffer
                codes.append(swiftflare_curl_setopt_long(easy, CURLOPT_POST, 1))
                codes.append(
                    swiftflare_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(spec.body.count)))
                codes.append(swiftflare_curl_setopt_pointer(easy, CURLOPT_POSTFIELDS, buffer.baseAddress))
            }
            if spec.method != "POST" {
                codes.append(swiftflare_curl_setopt_string(easy, CURLOPT_CUSTOMREQUEST, spec.method))
            }
            return codes
        }
    }
}

private func curlWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
    transfer.receiveBody(UnsafeBufferPointer(start: bytes, count: size * count))
    return size * count
}

private func curlHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
    transfer.receiveHeader(UnsafeBufferPointer(start: bytes, count: size * count))
    return size * count
}
