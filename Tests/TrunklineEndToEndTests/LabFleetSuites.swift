import Testing
import TrunklineTestSupport

@testable import TrunklineRun

/// The suites that use the lab fleet, run one after another (`.serialized` reaches the nested
/// suites): they share the fleet and the machine's cores, and a suite that converges twenty
/// hosts, cuts a link or starts Chromium must not starve another suite's SSH handshakes.
@Suite("the lab fleet", .serialized, .enabled(if: LabFleet.isAvailable, "no lab fleet is up (scripts/lab up)"))
enum LabFleetSuites {}
