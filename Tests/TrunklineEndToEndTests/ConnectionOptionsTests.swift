import Testing
import TrunklineTestSupport

@testable import TrunklineCommands
@testable import TrunklineRun
@testable import TrunklineTransport

@Suite("Command-line options")
struct ConnectionOptionsTests {
    @Test("connection flags become settings; secrets come from the environment only")
    func settings() throws {
        let options = try ConnectionOptions.parse([
            "-u", "deploy", "-p", "2222", "--known-hosts", "/kh",
            "--host-key-checking", "accept-new", "--timeout", "2.5", "--become",
        ])
        let settings = try options.settings(
            identity: ["/keys/a", "/keys/b"],
            environment: [
                "HOME": "/home/x", "SSH_AUTH_SOCK": "/run/agent.sock",
                "TRUNKLINE_SSH_PASSWORD": "pw", "TRUNKLINE_BECOME_PASSWORD": "sudo-pw",
                "TRUNKLINE_KEY_PASSPHRASE": "pp",
            ])
        #expect(settings.user == "deploy" && settings.port == 2222)
        #expect(settings.identityFiles == ["/keys/a", "/keys/b"])
        #expect(settings.knownHostsFiles == ["/kh"])
        #expect(settings.hostKeyPolicy == .acceptNew)
        #expect(settings.connectTimeout == .milliseconds(2500))
        #expect(settings.become && settings.becomePassword == "sudo-pw")
        #expect(
            settings.credentials == [
                .agent(socket: "/run/agent.sock"), .privateKey(path: "/keys/a", passphrase: "pp"),
                .privateKey(path: "/keys/b", passphrase: "pp"), .password("pw"),
            ])
    }

    @Test("defaults: strict host keys, the user's known_hosts, no agent without SSH_AUTH_SOCK")
    func defaults() throws {
        let settings = try ConnectionOptions.parse([]).settings(
            identity: [], environment: ["HOME": "/nonexistent", "USER": "ops"])
        #expect(settings.hostKeyPolicy == .strict)
        #expect(settings.knownHostsFiles == ["/nonexistent/.ssh/known_hosts", "/etc/ssh/ssh_known_hosts"])
        #expect(settings.user == "ops")
        #expect(settings.credentials.isEmpty)
    }

    @Test(
        "bad values are refused, naming the flag",
        arguments: [["--port", "0"], ["--timeout", "0"], ["--host-key-checking", "yes"]])
    func refused(arguments: [String]) {
        do {
            _ = try ConnectionOptions.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(
                ConnectionOptions.fullMessage(for: error).contains(arguments[0]),
                "\(ConnectionOptions.fullMessage(for: error))")
        }
    }

    @Test("exec splits hosts from the command at --")
    func execArguments() throws {
        let command = try ExecCommand.parse([
            "-u", "root", "h1", "admin@h2:2222", "--", "sh", "-c", "echo $HOME", "--", "x",
        ])
        #expect(command.hosts == ["h1", "admin@h2:2222"])
        #expect(command.command == ["sh", "-c", "echo $HOME", "--", "x"])
        for (arguments, message) in [(["h1", "h2"], "--"), (["--", "uptime"], "host")] {
            do {
                _ = try ExecCommand.parse(arguments)
                Issue.record("\(arguments) was accepted")
            } catch {
                #expect(ExecCommand.fullMessage(for: error).contains(message), "\(ExecCommand.fullMessage(for: error))")
            }
        }
    }
}
