import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// POSTs a JSON body to a webhook URL, each attempt timed out, retried with doubling backoff
/// on a network error or a 5xx/429 answer. It never throws: the caller logs the outcome and
/// keeps its exit status.
public struct Webhook: Sendable {
    /// The URL.
    public var url: URL
    /// How many attempts, how long each may take, and the wait before the second (doubling after).
    public var attempts: Int
    public var timeout: TimeInterval
    public var backoff: TimeInterval

    /// Creates a webhook.
    public init(url: URL, attempts: Int = 3, timeout: TimeInterval = 10, backoff: TimeInterval = 1) {
        self.url = url
        self.attempts = attempts
        self.timeout = timeout
        self.backoff = backoff
    }

    /// `text` as a webhook URL: http or https, with a host; nil for anything else.
    public static func url(_ text: String) -> URL? {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            return nil
        }
        return url
    }

    /// What became of a delivery: nil when delivered, else why not (after every attempt).
    public func post(_ body: Data) async -> String? {
        var failure = "not attempted", wait = backoff
        for attempt in 1...max(1, attempts) {
            failure = await once(body)
            if failure.isEmpty { return nil }
            if failure.hasPrefix("HTTP 4"), !failure.hasPrefix("HTTP 429") { return "\(failure) (not retried)" }
            if attempt < attempts {
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                wait *= 2
            }
        }
        return "\(failure) (after \(attempts) attempts)"
    }

    /// One attempt: an empty string when the answer is 2xx, else the status or the error; it
    /// ends at `timeout` whatever the transport does.
    private func once(_ body: Data) async -> String {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("trunkline", forHTTPHeaderField: "User-Agent")
        request.httpBody = body
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration), timeout = timeout
        defer { session.invalidateAndCancel() }
        return await withTaskGroup(of: String.self) { group in
            group.addTask {
                do {
                    let (_, response) = try await session.data(for: request)
                    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                    return (200..<300).contains(status) ? "" : "HTTP \(status)"
                } catch let error as URLError where error.code == .timedOut {
                    return "timed out after \(timeout) s"
                } catch {
                    return error.localizedDescription
                }
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return "timed out after \(timeout) s"
            }
            let first = await group.next() ?? "not attempted"
            group.cancelAll()
            return first
        }
    }
}
