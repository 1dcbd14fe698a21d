import CLibSSH2
import Foundation

/// One SSH connection to one host, owning its socket and every libssh2 handle on it.
///
/// All libssh2 calls run on an `SSHEventLoop` thread in non-blocking mode, so any number of
/// sessions can be driven from async code without blocking Swift's cooperative thread pool.
/// Every operation has a deadline. Operations on one session run one at a time, in order.
public final class SSHSession: @unchecked Sendable {
    /// The host name or address, as given.
    public let host: String
    /// The TCP port.
    public let port: Int
    /// The server's host key, as received in the handshake.
    public private(set) var hostKey: HostKey?

    private static let preferredHostKeys =
        "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa"
    private static let owners = AtomicCounter()

    private let configuration: SSHConfiguration
    private let loop: SSHEventLoop
    private let owner: UInt64
    // Set once while connecting, then read on the loop thread only.
    private var handle: SessionHandle?

    private init(host: String, port: Int, configuration: SSHConfiguration) {
        self.host = host
        self.port = port
        self.configuration = configuration
        loop = SSHEventLoop.next()
        owner = Self.owners.increment()
    }

    deinit {
        guard let handle else { return }
        loop.release(owner: owner) {
            libssh2_session_free(handle.raw)
            close(handle.descriptor)
        }
    }

    /// Connects over TCP, runs the SSH handshake and checks the host key, all within
    /// `configuration.connectTimeout`. Authentication is the caller's next step.
    ///
    /// Connecting and the handshake are one operation of the event loop, so the deadline counts
    /// only time spent on the network: a caller whose executor is busy (many hosts on few cores)
    /// resumes late without that delay being charged to the handshake.
    public static func connect(host: String, port: Int, configuration: SSHConfiguration) async throws -> SSHSession {
        precondition(LibSSH2.initialized, "libssh2_init failed")
        let session = SSHSession(host: host, port: port, configuration: configuration)
        try await session.connectAndHandshake(deadline: ContinuousClock.now + configuration.connectTimeout)
        return session
    }

    /// Runs the SSH handshake over `tunnel`, a channel a bastion opened to `host:port`, and
    /// checks `host`'s key as `connect` does, all by `deadline`. Authentication is the caller's
    /// next step.
    public static func connect(
        host: String, port: Int, configuration: SSHConfiguration, over tunnel: SSHTunnel,
        deadline: ContinuousClock.Instant
    ) async throws -> SSHSession {
        precondition(LibSSH2.initialized, "libssh2_init failed")
        let session = SSHSession(host: host, port: port, configuration: configuration)
        try await session.handshake(descriptor: tunnel.descriptor, deadline: deadline)
        return session
    }

    /// The handle and loop, for an `SSHBastion` that drives the session from now on (its
    /// keepalives stop: the tunnels' own traffic keeps the connection busy).
    func handOver() throws(SSHError) -> (handle: SessionHandle, loop: SSHEventLoop) {
        guard let handle else { throw SSHError(.disconnected, host: host, message: "the session is closed") }
        loop.forget(owner: owner)
        return (handle, loop)
    }

    // MARK: Connecting

    /// Connects the socket, then runs the handshake on it, in one loop operation.
    private func connectAndHandshake(deadline: ContinuousClock.Instant) async throws {
        var connector: SocketConnector?
        var started: SessionHandle?
        let host = host, port = port
        try await loop.perform(
            owner: owner, deadline: deadline,
            onTimeout: {
                guard started != nil else {
                    connector?.abandon()
                    return SSHError(.timedOut, host: host, message: "connecting to port \(port) timed out")
                }
                return Self.handshakeTimeout(host: host, port: port)
            }
        ) { [self] () throws -> SSHEventLoop.Attempt<Void> in
            if let started { return try handshakeStep(started) }
            let begin = { [self] (connected: SocketConnector) throws -> SSHEventLoop.Attempt<Void> in
                let handle = try startSession(descriptor: try connected.finish())
                started = handle
                return try handshakeStep(handle)
            }
            guard let connecting = connector else {
                let fresh = try SocketConnector(host: host, port: port)
                connector = fresh
                if !fresh.isConnected { return .blocked(descriptor: fresh.descriptor, events: Int16(POLLOUT)) }
                return try begin(fresh)
            }
            return try begin(connecting)
        }
        startKeepalives()
    }

    private func handshake(descriptor: Int32, deadline: ContinuousClock.Instant) async throws {
        let handle = try startSession(descriptor: descriptor)
        let host = host, port = port
        try await loop.perform(
            owner: owner, deadline: deadline, onTimeout: { Self.handshakeTimeout(host: host, port: port) }
        ) { [self] () throws -> SSHEventLoop.Attempt<Void> in try handshakeStep(handle) }
        startKeepalives()
    }

    private static func handshakeTimeout(host: String, port: Int) -> SSHError {
        SSHError(.timedOut, host: host, message: "no SSH handshake on port \(port) within the connect timeout")
    }

    /// A non-blocking libssh2 session on `descriptor`, which it owns from now on.
    private func startSession(descriptor: Int32) throws -> SessionHandle {
        guard let raw = libssh2_session_init_ex(nil, nil, nil, nil) else {
            close(descriptor)
            throw SSHError(.handshakeFailed, host: host, message: "libssh2_session_init failed")
        }
        libssh2_session_set_blocking(raw, 0)
        libssh2_session_method_pref(raw, LIBSSH2_METHOD_HOSTKEY, Self.preferredHostKeys)
        let handle = SessionHandle(raw: raw, descriptor: descriptor, host: host)
        self.handle = handle
        return handle
    }

    /// Advances the handshake; once it is done, checks the host key.
    private func handshakeStep(_ handle: SessionHandle) throws -> SSHEventLoop.Attempt<Void> {
        let code = libssh2_session_handshake(handle.raw, handle.descriptor)
        if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
        if code != 0 { throw handle.error(.handshakeFailed, "SSH handshake on port \(port) failed") }
        try verifyHostKey(handle)
        return .done(())
    }

    private func startKeepalives() {
        guard configuration.keepaliveInterval > 0, let raw = handle?.raw else { return }
        libssh2_keepalive_config(raw, 1, UInt32(configuration.keepaliveInterval))
        loop.keepAlive(owner: owner, session: raw, interval: configuration.keepaliveInterval)
    }

    private func verifyHostKey(_ handle: SessionHandle) throws {
        let key = try receivedHostKey(handle)
        hostKey = key
        guard configuration.hostKeyPolicy != .off else { return }
        let file = KnownHostsFile(paths: configuration.knownHostsFiles)
        // Under a HostKeyAlias the key is known by the alias alone, as OpenSSH keeps it.
        let (knownAs, knownPort) = configuration.hostKeyAlias.map { ($0, 22) } ?? (host, port)
        switch try file.verdict(for: key, host: knownAs, port: knownPort, session: handle.raw) {
        case .match:
            return
        case .mismatch:
            throw SSHError(
                .hostKeyChanged, host: host,
                message: """
                    REMOTE HOST IDENTIFICATION HAS CHANGED: the \(key.typeName) key sent by the server \
                    has fingerprint \(key.fingerprint), which does not match \
                    \(configuration.knownHostsFiles.joined(separator: ", ")). Refusing to connect.
                    """)
        case .notFound where configuration.hostKeyPolicy == .acceptNew:
            try file.record(key, host: knownAs, port: knownPort, session: handle.raw)
        case .notFound:
            throw SSHError(
                .hostKeyUnknown, host: host,
                message: """
                    host key is not known: the \(key.typeName) key fingerprint is \(key.fingerprint); \
                    not found in \(configuration.knownHostsFiles.joined(separator: ", ")). Refusing to connect \
                    (host key checking is strict).
                    """)
        }
    }

    private func receivedHostKey(_ handle: SessionHandle) throws -> HostKey {
        var length = 0
        var type: Int32 = 0
        guard let blob = libssh2_session_hostkey(handle.raw, &length, &type),
            let hash = libssh2_hostkey_hash(handle.raw, LIBSSH2_HOSTKEY_HASH_SHA256)
        else {
            throw handle.error(.handshakeFailed, "the server sent no host key")
        }
        let bytes = UnsafeRawBufferPointer(start: blob, count: length)
        let digest = UnsafeRawBufferPointer(start: hash, count: 32)
        return HostKey(blob: Array(bytes), libssh2Type: type, sha256: Array(digest))
    }

    // MARK: Authentication

    /// Tries `credentials` in order for `user` and returns the one that was accepted.
    /// Throws `.authenticationFailed` naming every method tried and why it failed.
    @discardableResult
    public func authenticate(user: String, credentials: [SSHCredential]) async throws -> SSHCredential? {
        guard let allowed = try await allowedMethods(user: user) else { return nil }
        var failures: [String] = []
        for credential in credentials {
            guard allowed.contains(credential.method) else {
                failures.append("\(credential.label): the server does not allow \(credential.method)")
                continue
            }
            guard let reason = try await attempt(credential, user: user) else { return credential }
            failures.append("\(credential.label): \(reason)")
        }
        if credentials.isEmpty { failures.append("no credentials to try (no agent, key or password)") }
        throw SSHError(
            .authenticationFailed, host: host,
            message: """
                authentication as \(user) failed; \(failures.joined(separator: "; ")); \
                the server allows \(allowed.joined(separator: ","))
                """)
    }

    /// The methods the server allows, or nil if the "none" method already authenticated us.
    private func allowedMethods(user: String) async throws -> [String]? {
        try await onLoop(timeout: configuration.operationTimeout, doing: "asking for authentication methods") {
            handle in
            let list = libssh2_userauth_list(handle.raw, user, UInt32(user.utf8.count))
            if let list { return .done(String(cString: list).split(separator: ",").map(String.init)) }
            if libssh2_userauth_authenticated(handle.raw) != 0 { return .done(nil) }
            if handle.wouldBlock { return handle.blocked() }
            throw handle.error(.authenticationFailed, "cannot ask for authentication methods")
        }
    }

    /// nil on success, otherwise why the credential was not accepted.
    private func attempt(_ credential: SSHCredential, user: String) async throws -> String? {
        switch credential {
        case .agent(let socket):
            let agent = AgentAuthentication(user: user, socket: socket)
            return try await onLoop(timeout: configuration.operationTimeout, doing: "agent authentication") {
                try agent.attempt($0)
            }
        case .privateKey(let path, let passphrase):
            return try await onLoop(timeout: configuration.operationTimeout, doing: "key authentication") { handle in
                let code = libssh2_userauth_publickey_fromfile_ex(
                    handle.raw, user, UInt32(user.utf8.count), nil, path, passphrase)
                return Self.authenticationOutcome(code, handle: handle, unreadable: "cannot read or decrypt the key")
            }
        case .password(let password):
            return try await onLoop(timeout: configuration.operationTimeout, doing: "password authentication") {
                handle in
                let code = libssh2_userauth_password_ex(
                    handle.raw, user, UInt32(user.utf8.count),
                    password, UInt32(password.utf8.count), nil)
                return Self.authenticationOutcome(code, handle: handle, unreadable: "password refused")
            }
        }
    }

    static func authenticationOutcome(
        _ code: Int32, handle: SessionHandle, unreadable: String
    ) -> SSHEventLoop.Attempt<String?> {
        switch code {
        case 0: return .done(nil)
        case LIBSSH2_ERROR_EAGAIN: return handle.blocked()
        case LIBSSH2_ERROR_FILE: return .done(unreadable)
        case LIBSSH2_ERROR_PASSWORD_EXPIRED: return .done("password expired")
        default: return .done("rejected by the server")
        }
    }

    // MARK: Commands and files

    /// Runs `command` (a shell command line) with `stdin`, returning both output streams,
    /// the exit status or signal. A command may be silent for as long as it likes while the
    /// connection lives: keepalives go on while it runs, and only when the server sends nothing
    /// at all (no output, no keepalive answer) for `configuration.livenessBound` does it fail,
    /// with `.disconnected`. `timeout` is the hard bound on the whole command, whatever it
    /// sends; past it, it fails with `.timedOut`.
    public func execute(
        _ command: String, stdin: [UInt8] = [], timeout: Duration,
        outputLimit: Int = 64 << 20
    ) async throws -> SSHExecResult {
        try await withHandle { handle in
            let execution = ChannelExecution(handle: handle, command: command, stdin: stdin, outputLimit: outputLimit)
            return try await onLoop(timeout: timeout, silence: commandSilence(), doing: "running a command") { _ in
                try execution.attempt()
            }
        }
    }

    /// The silence after which a running command's connection is taken as dead, if any.
    private func commandSilence() -> SilenceBound? {
        guard let bound = configuration.livenessBound else { return nil }
        let host = host, interval = configuration.keepaliveInterval, count = configuration.keepaliveCountMax
        return SilenceBound(limit: bound) {
            SSHError(
                .disconnected, host: host,
                message: """
                    the server sent nothing for \(bound) while running a command, not even an answer to \
                    \(count) keepalives in a row, \(max(2, interval)) s apart (ServerAliveInterval \
                    \(interval), ServerAliveCountMax \(count)); the connection is taken as dead
                    """)
        }
    }

    /// Says goodbye to the server and frees every libssh2 handle. The session is unusable afterwards.
    public func disconnect() async {
        guard handle != nil else { return }
        loop.forget(owner: owner)
        _ = try? await onLoop(timeout: .seconds(2), doing: "disconnecting") {
            handle -> SSHEventLoop.Attempt<Void> in
            if tl_session_disconnect(handle.raw, "trunkline done") == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
            return .done(())
        }
        _ = try? await onLoop(timeout: .seconds(1), doing: "freeing the session") {
            [self] handle -> SSHEventLoop.Attempt<Void> in
            libssh2_session_free(handle.raw)
            close(handle.descriptor)
            self.handle = nil
            return .done(())
        }
    }

    private func withHandle<Value>(_ body: (SessionHandle) async throws -> Value) async throws -> Value {
        guard let handle else { throw SSHError(.disconnected, host: host, message: "the session is closed") }
        return try await body(handle)
    }

    private func onLoop<Value>(
        timeout: Duration, silence: SilenceBound? = nil, doing what: String,
        _ body: @escaping (SessionHandle) throws -> SSHEventLoop.Attempt<Value>
    ) async throws -> Value {
        try await withHandle { handle in
            let host = host
            return try await loop.perform(
                owner: owner, deadline: .now + timeout, silence: silence,
                onTimeout: {
                    SSHError(.timedOut, host: host, message: "\(what) timed out after \(timeout)")
                }
            ) { try body(handle) }
        }
    }
}
