/// Names for the SFTP status codes a server returns (`libssh2_sftp_last_error`).
enum SFTPStatus {
    /// A readable reason for an SFTP status code.
    static func describe(_ status: UInt) -> String {
        switch status {
        case 0: return "connection error"
        case 2: return "no such file"
        case 3: return "permission denied"
        case 4: return "failure (for example, no space left on device)"
        case 5: return "bad message"
        case 6: return "no connection"
        case 7: return "connection lost"
        case 8: return "operation unsupported"
        case 11: return "file already exists"
        case 12: return "write protected"
        case 14: return "no space left on device"
        case 15: return "quota exceeded"
        default: return "SFTP status \(status)"
        }
    }
}
