import Foundation

/// An HTTP listener on 127.0.0.1 (Python's http.server, an ephemeral port) answering each POST
/// with the next of its answers (a status, or `hang` to never answer), then ending; it records
/// each request as `POST PATH CONTENT-TYPE BODY`.
public final class LoopbackListener {
    static let script = """
        import sys, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        answers = sys.argv[1:]
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                print("POST", self.path, self.headers["Content-Type"], body.decode(), flush=True)
                answer = answers.pop(0)
                if answer == "hang":
                    time.sleep(6)
                    return
                self.send_response(int(answer)); self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = False
        print(server.server_address[1], flush=True)
        count = len(answers)
        for _ in range(count): server.handle_request()
        server.server_close()
        """

    /// The listener's URL, with a path that stands for a chat webhook's secret.
    public let url: URL
    private let process = Process()
    private let pipe = Pipe()
    private let firstLines: [String]

    /// Starts a listener that takes one request per answer.
    public init(answers: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.script] + answers
        process.standardOutput = pipe
        try process.run()
        var first = Data()
        while !first.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += chunk
        }
        let lines = String(decoding: first, as: UTF8.self).split(separator: "\n").map(String.init)
        url = URL(string: "http://127.0.0.1:\(lines.first ?? "0")/hooks/secret")!
        firstLines = Array(lines.dropFirst())
    }

    /// Waits for the listener to end (after its last answer); the requests it received.
    public func requests() -> [String] {
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return firstLines + String(decoding: rest, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
