import Testing

@testable import Runner

/// Durations in results are milliseconds with up to three decimals, also past one second.
struct DurationTests {
    @Test(arguments: [
        (Duration.zero, 0.0), (.microseconds(1_500), 1.5), (.milliseconds(999), 999.0), (.milliseconds(5_143), 5_143.0),
        (.seconds(2) + .microseconds(500), 2_000.5), (.seconds(61), 61_000.0),
    ])
    func millisecondsKeepWholeSeconds(duration: Duration, expected: Double) {
        #expect(StepExecutor.milliseconds(duration) == expected)
    }
}
