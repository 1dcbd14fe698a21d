import Foundation

/// Runs local programs for the tests' fixtures (ssh-keygen, sshd, ssh-agent) with
/// `posix_spawnp` and `waitpid`. Foundation's `Process` is avoided on purpose: on Linux it
/// can miss a child's exit when many tests start processes at once.
public enum LocalCommand {
    private static let spawnLock = NSLock()
    public struct Failure: Error, CustomStringConvertible {
        public var argv: [String]
        public var status: Int32
        public var output: String
        public var description: String { "\(argv.joined(separator: " ")) exited \(status): \(output)" }
    }

    /// Runs `argv` to completion and returns its standard output and error; throws if it exits non-zero.
    @discardableResult
    public static func run(_ argv: [String], environment: [String: String] = [:]) throws -> String {
        var pipeEnds: [Int32] = [-1, -1]
        // Close-on-exec, set under the spawn lock: other tests' children must not inherit the
        // write end, or this reader would never see end-of-file.
        let created = spawnLock.withLock {
            guard pipe(&pipeEnds) == 0 else { return false }
            pipeEnds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
            return true
        }
        guard created else { throw Failure(argv: argv, status: -1, output: "pipe failed") }
        let pid = try spawn(argv, environment: environment, output: pipeEnds[1])
        close(pipeEnds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pipeEnds[0], &buffer, buffer.count)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        close(pipeEnds[0])
        let status = wait(for: pid)
        let text = String(decoding: output, as: UTF8.self)
        guard status == 0 else { throw Failure(argv: argv, status: status, output: text) }
        return text
    }

    /// Starts `argv` in the background with stdout and stderr on `output` (default /dev/null).
    public static func spawn(
        _ argv: [String], environment: [String: String] = [:], output: Int32? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, output, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        // Dispatch's worker threads block signals, and a child inherits the mask: reset it so
        // that SIGTERM stops the child.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = spawnLock.withLock {
            posix_spawnp(&pid, argv[0], &actions, &attributes, &cArguments, &cEnvironment)
        }
        guard status == 0 else { throw Failure(argv: argv, status: status, output: String(cString: strerror(status))) }
        return pid
    }

    /// Waits for `pid` and returns its exit status (128+signal if it was killed).
    @discardableResult
    public static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Stops a process this test started: SIGTERM, then waits for it.
    public static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        wait(for: pid)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    public static func freePort() -> Int {
        let (descriptor, port) = loopbackSocket()
        close(descriptor)
        return port
    }

    /// A TCP socket bound to a port of 127.0.0.1 that the system chose, and that port.
    public static func loopbackSocket() -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(descriptor, $0, length)
                _ = getsockname(descriptor, $0, &length)
            }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
