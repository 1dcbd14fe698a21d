import TrunklineRun

/// Shows a playbook run as it goes: the report's play headers, batches and host blocks, with
/// the live progress line on a terminal; and gives each host's log its plain lines.
struct RunPresenter: RunObserver {
    let report: RunReport
    let progress: ProgressDisplay

    func play(_ name: String) {
        report.play(name)
    }

    func event(_ event: RolloutEvent) {
        progress.clear()
        switch event {
        case .batchStarted(let number, let count, let hosts): report.batch(number: number, of: count, hosts: hosts)
        case .hostFinished(let outcome): report.host(outcome)
        case .hostStarted: break
        }
        progress.handle(event)
    }

    func logLines(_ outcome: HostOutcome) -> [String] {
        report.lines(outcome, colour: false)
    }
}
