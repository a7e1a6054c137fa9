import Dispatch
import HTTP

extension SuiteRunner {
    /// How long requests in flight may go on after the run is cancelled before they are abandoned.
    public static let interruptionGrace: Duration = .milliseconds(1500)

    /// ``interruptionGrace`` as a person reads it: `1.5 s`.
    public static let interruptionGraceText = "1.5 s"

    /// What happens when the task running the plan is cancelled (SIGINT or SIGTERM in `meshcheck run`).
    ///
    /// The run is marked interrupted at once, so no step starts after this (each is skipped with "the run stopped
    /// (interrupted)", teardown included); a step whose request is in flight may still finish within
    /// ``interruptionGrace``. Then the client shuts down, which fails what is left with
    /// ``HTTPClientError/clientShutDown``: the step is an error that says the request was abandoned.
    static func interrupt(control: RunControl, client: HTTPClient) {
        control.interrupt()
        let (seconds, attoseconds) = interruptionGrace.components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
            client.shutdown()
        }
    }
}
