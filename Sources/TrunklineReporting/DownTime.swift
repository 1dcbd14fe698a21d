/// How long a host has not been checked, as reports say it: "for 3 nights (since RUN)", or
/// "since this run" when the previous run checked it.
enum DownTime {
    static func text(_ host: HostReport, now: RunReference) -> String {
        let since = host.downSince ?? now
        return since == now
            ? "since this run" : "for \(RelativeAge.span(from: since.startedAt, to: now.startedAt)) (since \(since.id))"
    }
}
