import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport
import TrunklineTransport

@testable import TrunklineRun

extension LabFleetSuites {
    /// The transport against the lab fleet: real sshd and Open vSwitch in every host's namespaces.
    @Suite("Transport on the lab fleet")
    struct LabFleetTransportTests {
        @Test("every host answers with strict host-key checking, and its OVS runs")
        func everyHostAnswers() async throws {
            let lab = try LabFleet()
            let settings = lab.settings
            // hv07 and later belong to the drift suite, which cuts links and stops sshd there.
            let hosts = Array(lab.hosts.prefix(6))
            let results = await BoundedParallelism.map(hosts, limit: 50) { host -> String in
                do {
                    let remote = try await SSHTransport.connect(lab.target(host), settings: settings)
                    let output = try await remote.run(
                        RemoteCommand([
                            "sh", "-c",
                            ". /etc/os-release; echo $ID $(hostname); ovs-vsctl --timeout=5 show > /dev/null && echo ovs",
                        ]))
                    await remote.close()
                    return output.stdoutText
                } catch {
                    return "\(error)"
                }
            }
            #expect(results == hosts.map { "\($0.os) \($0.name)\novs\n" })
        }

        @Test("a command that never ends hits its deadline, and one that answers without end hits the output bound")
        func boundedCommands() async throws {
            let lab = try LabFleet()
            let host = try #require(lab.hosts.first)
            let remote = try await SSHTransport.connect(lab.target(host), settings: lab.settings)
            let started = ContinuousClock.now
            await #expect {
                _ = try await remote.run(RemoteCommand(["sleep", "60"], timeout: .seconds(2)))
            } throws: { error in
                (error as? ConnectionFailure)?.kind == .timeout
            }
            #expect(ContinuousClock.now - started < .seconds(30))
            await remote.close()
            let again = try await SSHTransport.connect(lab.target(host), settings: lab.settings)
            await #expect {
                _ = try await again.run(RemoteCommand(["sh", "-c", "yes trunkline"], outputLimit: 4 << 20))
            } throws: { error in
                "\(error)".contains("the command's output passed 4194304 bytes; reading stopped")
            }
            await again.close()
        }

        @Test("an atomic write lands in the host's own /etc, byte for byte, with its mode")
        func writeLandsInHostDirectory() async throws {
            let lab = try LabFleet()
            let host = try #require(lab.hosts.first)
            let remote = try await SSHTransport.connect(lab.target(host), settings: lab.settings)
            let contents = Array("network.bridge.type=openvswitch\nliteral=$(touch /tmp/pwned); reboot\n".utf8)
            try await remote.writeFile(
                "/etc/cloudstack/agent/agent.properties", contents: contents, attributes: FileAttributes(mode: 0o600))
            await remote.close()
            let path = lab.upperPath(host.name, "/etc/cloudstack/agent/agent.properties")
            #expect(FileManager.default.contents(atPath: path).map(Array.init) == contents)
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
            #expect(!FileManager.default.fileExists(atPath: lab.upperPath(host.name, "/tmp/pwned")))
        }

        @Test("a non-root login with --become runs commands and writes root's files through sudo -n")
        func become() async throws {
            let lab = try LabFleet()
            let host = lab.hosts[lab.hosts.count > 1 ? 1 : 0]
            try lab.execute(
                on: host,
                [
                    "sh", "-c",
                    """
                    id deploy > /dev/null 2>&1 || useradd -m -s /bin/sh -p '*' deploy
                    mkdir -p /home/deploy/.ssh && cp /root/.ssh/authorized_keys /home/deploy/.ssh/
                    chown -R deploy /home/deploy/.ssh
                    echo 'deploy ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/deploy && chmod 440 /etc/sudoers.d/deploy
                    """,
                ])
            var settings = lab.settings
            settings.user = "deploy"
            let plain = try await SSHTransport.connect(lab.target(host), settings: settings)
            #expect(try await plain.run(RemoteCommand(["id", "-un"])).stdoutText == "deploy\n")
            await #expect(throws: ConnectionFailure.self) {
                try await plain.writeFile("/etc/trunkline-become.conf", contents: [1], attributes: FileAttributes())
            }
            await plain.close()

            settings.become = true
            let root = try await SSHTransport.connect(lab.target(host), settings: settings)
            #expect(try await root.run(RemoteCommand(["id", "-un"])).stdoutText == "root\n")
            let contents = Array("install bridge /bin/false\n".utf8)
            try await root.writeFile(
                "/etc/trunkline-become.conf", contents: contents,
                attributes: FileAttributes(mode: 0o640, owner: "root", group: "root"))
            #expect(try await root.readFile("/etc/trunkline-become.conf") == contents)
            await root.close()
            let path = lab.upperPath(host.name, "/etc/trunkline-become.conf")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(FileManager.default.contents(atPath: path).map(Array.init) == contents)
            #expect((attributes[.posixPermissions] as? Int) == 0o640)
            #expect((attributes[.ownerAccountID] as? Int) == 0)
        }
    }
}
