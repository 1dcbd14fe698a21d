import TrunklineSSH

/// How a host's key is checked against known_hosts, re-exported so that the layers above the
/// transport (the command line's `--host-key-checking`) need not import the SSH wrapper.
public typealias HostKeyPolicy = TrunklineSSH.HostKeyPolicy
