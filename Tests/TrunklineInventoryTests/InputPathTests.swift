import Testing
import TrunklineInput

@Suite("Input paths")
struct InputPathTests {
    // Before, a bare name's directory was "", and "" + "/group_vars" is the root's.
    @Test(
        "the directory of a bare name is the current one",
        arguments: [
            ("inv.yml", "."), ("./inv.yml", "."), ("inventories/inv.yml", "inventories"),
            ("/etc/trunkline/inv.yml", "/etc/trunkline"),
            ("/inv.yml", "/"),
        ])
    func directory(path: String, expected: String) {
        #expect(InputPath.directory(of: path) == expected)
    }
}
