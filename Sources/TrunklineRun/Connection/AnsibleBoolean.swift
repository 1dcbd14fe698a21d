import Foundation
import TrunklineCore
import TrunklineTransport

/// Booleans as Ansible's `boolean()` reads them: `yes`/`no`, `true`/`false`, `on`/`off`,
/// `y`/`n`, `t`/`f`, `1`/`0` in any case, and YAML booleans and numbers 1 and 0.
enum AnsibleBoolean {
    static func parse(_ value: Value) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .int(let number): return number == 1 ? true : number == 0 ? false : nil
        case .double(let number): return number == 1 ? true : number == 0 ? false : nil
        case .string(let text):
            let lower = text.lowercased()
            if ["y", "yes", "on", "1", "true", "t"].contains(lower) { return true }
            if ["n", "no", "off", "0", "false", "f"].contains(lower) { return false }
            return nil
        case .null, .list, .map: return nil
        }
    }
}
