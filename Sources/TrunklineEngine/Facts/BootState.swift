/// What a host booted with and what it will boot with next: the boot id (new at every boot),
/// the running kernel command line (`/proc/cmdline`), the default entry's command line
/// (`grubby --info=DEFAULT` where there is grubby, else the first `linux` line of grub.cfg), and
/// the loaded modules that modprobe.d keeps from loading (`blacklist NAME`, `install NAME
/// /bin/false`). From them, whether a reboot is pending: a changed kernel command line or a
/// blacklisted module still loaded take effect only at the next boot.
public struct BootState: Fact, Equatable {
    /// `/proc/sys/kernel/random/boot_id`.
    public var bootID: String
    /// The running kernel's arguments, without `BOOT_IMAGE=`.
    public var running: [String]
    /// The next boot's arguments, without the kernel image; nil if the boot loader's
    /// configuration could not be read.
    public var next: [String]?
    /// Modules that are loaded and that modprobe.d blacklists, sorted.
    public var blacklistedButLoaded: [String]

    public static let section = "boot"

    /// The boot id, the running command line, `grubby ARGS` or `grub KERNEL ARGS` or nothing,
    /// an empty line; then, after `@@modules`, the loaded modules modprobe.d blacklists. One awk reads
    /// grub.cfg (its first `linux` line), then /proc/modules and the readable `*.conf` files, each
    /// with `getline` in `BEGIN`, so a file gone since the glob is skipped, not fatal; none runs if
    /// there is neither a grub.cfg nor modules to read, and the marker is printed if awk fails.
    public static let script = #"""
        b=unknown; { read -r b; } 2>/dev/null < /proc/sys/kernel/random/boot_id; printf '%s\n' "$b"
        c=; { read -r c; } 2>/dev/null < /proc/cmdline; printf '%s\n' "$c"
        args=
        if command -v grubby > /dev/null 2>&1; then g=$(grubby --info=DEFAULT 2>/dev/null)
          while IFS= read -r l; do case $l in 'args="'*'"') args=${l#args=\"}; args=${args%\"}; break;; esac; done <<TL_GRUBBY
        $g
        TL_GRUBBY
        fi
        g=
        if [ -n "$args" ]; then printf 'grubby %s\n' "$args"
        else for cfg in /boot/grub/grub.cfg /boot/grub2/grub.cfg; do [ -r "$cfg" ] && { g=$cfg; break; }; done; fi
        tl_boot() {
          set --; for f in /etc/modprobe.d/*.conf; do [ -f "$f" ] && [ -r "$f" ] && set -- "$@" "$f"; done
          m=/proc/modules; { [ $# -gt 0 ] && [ -r "$m" ]; } || { m=; set --; }
          [ -n "$g$m" ] || { printf '\n@@modules\n'; return 0; }
          awk 'function blacklisted() { return $1 == "blacklist" || ($1 == "install" && ($3 == "/bin/false" || $3 == "/bin/true")) }
            BEGIN { if (ARGV[1] != "") while ((getline line < ARGV[1]) > 0) { $0 = line
                if ($1 == "linux" || $1 == "linux16" || $1 == "linuxefi") { $1 = "grub"; print; break } }
              printf "\n@@modules\n"
              if (ARGV[2] != "") while ((getline line < ARGV[2]) > 0) { $0 = line; loaded[$1] = 1 }
              for (i = 3; i < ARGC; i++) while ((getline line < ARGV[i]) > 0) { $0 = line
                if (blacklisted() && ($2 in loaded) && !seen[$2]++) print $2 }
              exit }' "$g" "$m" "$@" || printf '\n@@modules\n'
        }
        tl_boot; :
        """#

    /// The state in the `@@boot` section.
    public static func parse(_ section: [String]) -> BootState {
        let parts = Self.parts(of: section, at: ["modules"])
        return parse(boot: parts[0], modules: parts[1])
    }

    /// The state in the section's lines before `@@modules` (`boot`) and after it (`modules`).
    static func parse(boot: [String], modules: [String]) -> BootState {
        let running = Self.arguments(boot.count > 1 ? boot[1] : "").filter { !$0.hasPrefix("BOOT_IMAGE=") }
        let loader = boot.count > 2 ? Self.arguments(boot[2]) : []
        let next: [String]? =
            switch loader.first {
            case "grubby"?: Array(loader.dropFirst())
            case "grub"?: Array(loader.dropFirst(2))
            default: nil
            }
        return BootState(
            bootID: boot.first ?? "unknown", running: running, next: next?.filter { !$0.hasPrefix("$") },
            blacklistedButLoaded: modules.filter { !$0.isEmpty }.sorted())
    }

    private static func arguments(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Why the host should reboot, or nil: `kernel command line differs (next boot adds …;
    /// drops …)`, `module bridge is blacklisted but loaded`.
    public var pendingReason: String? {
        var reasons: [String] = []
        if let next, next.sorted() != running.sorted() {
            let added = next.filter { !running.contains($0) }, dropped = running.filter { !next.contains($0) }
            let parts = [
                added.isEmpty ? nil : "adds " + added.joined(separator: " "),
                dropped.isEmpty ? nil : "drops " + dropped.joined(separator: " "),
            ]
            reasons.append("kernel command line differs (next boot \(parts.compactMap { $0 }.joined(separator: "; ")))")
        }
        if !blacklistedButLoaded.isEmpty {
            let names = blacklistedButLoaded.joined(separator: ", ")
            reasons.append(
                "\(blacklistedButLoaded.count == 1 ? "module" : "modules") \(names) \(blacklistedButLoaded.count == 1 ? "is" : "are") blacklisted but loaded"
            )
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}

extension HostFacts {
    /// What the host booted with and will boot with next, if it was read.
    public var boot: BootState? { self[BootState.self] }
}
