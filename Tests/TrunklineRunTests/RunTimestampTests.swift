import Foundation
import Testing

@testable import TrunklineRun

@Suite("Run ids' timestamps, by calendar arithmetic")
struct RunTimestampTests {
    /// Foundation's formatter, the oracle: one for each test (they run in parallel).
    let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter
    }()

    @Test("written and read as DateFormatter writes and reads them, leap days and centuries included")
    func matchesFormatter() {
        var generator = SystemRandomNumberGenerator()
        let fixed: [Double] = [
            0, 951_782_400, 951_868_799, 1_709_164_800, 4_107_456_000, 253_402_300_799, -1, -86_400, -86_401,
            -2_208_988_800, 1_733_011_199.999,
        ]
        let random = (0..<2000).map { _ in Double(Int.random(in: 0...253_402_300_799, using: &generator)) }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds)
            let text = RunTimestamp.text(date)
            #expect(text == formatter.string(from: date), "\(seconds)")
            #expect(RunTimestamp.date(text) == formatter.date(from: text), "\(text)")
        }
    }

    @Test("anything but a valid YYYYMMDDTHHMMSSZ is no time")
    func invalid() {
        for text in [
            "", "2026120", "20261301T000000Z", "20260230T000000Z", "20250229T000000Z", "20261201T240000Z",
            "20261201T006000Z", "20261201T000060Z", "20261201 000000Z", "20261201T000000X", "2026+201T000000Z",
            "２０２６1201T000000Z", "20261200T000000Z", "21000229T000000Z", "19000229T000000Z",
        ] {
            #expect(RunTimestamp.date(text) == nil, "\(text)")
        }
        #expect(RunTimestamp.date("20240229T235959Z-x") == formatter.date(from: "20240229T235959Z"))
        #expect(RunTimestamp.date("20000229T120000Z") == formatter.date(from: "20000229T120000Z"))
        #expect(RunRetention.timestamp(of: "20261201T120000Z-") == nil)
        #expect(RunRetention.timestamp(of: "20261201T120000Z_x") == nil)
    }
}
