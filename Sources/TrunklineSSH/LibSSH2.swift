import CLibSSH2

/// Process-wide libssh2 state.
enum LibSSH2 {
    /// `libssh2_init(0)`, once per process, before the first session.
    static let initialized: Bool = libssh2_init(0) == 0
}
