/// Which automatic checks a suite or step switches off (each with its reason) or back on.
public struct CheckSettings: Sendable, Equatable {
    /// Checks switched off, with the reason given.
    public var disabled: [AutomaticCheck: String]
    /// Checks switched back on (a step re-enabling what its suite switched off).
    public var enabled: Set<AutomaticCheck>

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - disabled: Checks switched off, with reasons.
    ///   - enabled: Checks switched back on.
    public init(disabled: [AutomaticCheck: String] = [:], enabled: Set<AutomaticCheck> = []) {
        self.disabled = disabled
        self.enabled = enabled
    }

    /// The settings of a step applied over its suite's: the step's word wins.
    ///
    /// - Parameter step: The step's settings.
    /// - Returns: The combined settings.
    public func overridden(by step: CheckSettings) -> CheckSettings {
        var result = self
        for check in step.enabled {
            result.disabled[check] = nil
            result.enabled.insert(check)
        }
        for (check, reason) in step.disabled {
            result.disabled[check] = reason
            result.enabled.remove(check)
        }
        return result
    }
}
