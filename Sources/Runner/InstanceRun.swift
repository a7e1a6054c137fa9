import Diagnostics
import Foundation
import JSON
import Suites

/// The steps of one suite instance, in order: setup, main steps, teardown; captures flow from step to step.
///
/// - A failed setup step skips the main steps; teardown always runs (unless the run was interrupted or the server
///   is unreachable).
/// - A step that needs a variable an earlier step failed to capture is skipped, naming both.
/// - When the run must stop (`--fail-fast`, `--max-failures`, interruption), the remaining main steps are skipped.
struct InstanceRun {
    struct Context: Sendable {
        let executor: StepExecutor
        let control: RunControl
        let redactor: SecretRedactor
        let events: @Sendable (RunEvent) -> Void
    }

    let instance: SuiteInstance
    let context: Context

    /// The scope every instance starts from: environment, run and server values.
    static func baseScope(configuration: RunConfiguration, instance: Int) -> TemplateScope {
        let startedAt = Timestamp.text(configuration.startedAt)
        return TemplateScope(
            variables: [:],
            environment: configuration.environment,
            run: [
                "id": .string(configuration.runID),
                "instance": .string("\(configuration.runID)-\(instance)"),
                "startedAt": .string(startedAt),
            ],
            server: ["name": .string(configuration.serverName), "url": .string(configuration.baseURL)]
        )
    }

    func run() async -> SuiteResult {
        let clock = ContinuousClock()
        let start = clock.now
        let suite = instance.suite
        var result = SuiteResult(
            id: suite.id,
            path: suite.path,
            name: instance.name,
            suiteName: suite.name,
            description: suite.description,
            tags: suite.tags,
            matrix: instance.matrixObject,
            location: suite.location,
            skipReason: instance.skipReason,
            startedAt: Date(),
            duration: .zero,
            steps: []
        )
        if let reason = instance.skipReason ?? instance.matrixError.map({ "cannot expand the matrix: \($0)" }) {
            result.skipReason = reason
            for step in suite.allSteps {
                result.steps.append(
                    report(CaseResult.skipped(step, name: step.name, matrix: JSONObject(), reason: reason))
                )
            }
            result.duration = clock.now - start
            return result
        }
        var state = State(
            scope: Self.baseScope(configuration: instance.configuration, instance: instance.ordinal),
            redactor: context.redactor
        )
        for (name, value) in instance.combination {
            state.scope.variables[name] = value
        }
        for variable in suite.variables {
            do {
                let value = try state.scope.render(variable.value)
                state.scope.variables[variable.name] = value
                if state.redactor.isSecretName(variable.name), case .string(let text) = value {
                    state.redactor.register(text)
                }
            } catch {
                state.variableError = "variable '\(variable.name)': \(error.reason)"
                break
            }
        }
        var setupFailed: String?
        for step in suite.setup {
            let cases = await runStep(step, state: &state, blockedBy: nil)
            if setupFailed == nil, let failed = cases.first(where: { $0.outcome == .failed || $0.outcome == .error }) {
                setupFailed = "setup step '\(failed.name)' failed"
            }
            result.steps += cases
        }
        let focused = suite.steps.first { $0.only != nil }
        for step in suite.steps {
            var blocked = setupFailed
            if blocked == nil, let focused, step.only == nil {
                blocked = "step '\(focused.name)' says only: \(focused.only ?? "")"
            }
            result.steps += await runStep(step, state: &state, blockedBy: blocked)
        }
        for step in suite.teardown {
            let stop = context.control.stopReason
            let blocked =
                stop == .interrupted || stop == .serverUnreachable ? "the run stopped (\(stop?.rawValue ?? ""))" : nil
            result.steps += await runStep(step, state: &state, blockedBy: blocked, isTeardown: true)
        }
        result.duration = clock.now - start
        return result
    }

    /// What flows from step to step within the instance.
    private struct State {
        var scope: TemplateScope
        var redactor: SecretRedactor
        /// Variables a step should have captured but did not, with that step's name.
        var missingCaptures: [String: String] = [:]
        var variableError: String?
    }

    private func runStep(
        _ step: SuiteStep,
        state: inout State,
        blockedBy blocked: String?,
        isTeardown: Bool = false
    ) async -> [CaseResult] {
        if Task.isCancelled { context.control.interrupt() }
        let stop = context.control.stopReason
        if let reason = blocked ?? (isTeardown ? nil : stop.map({ "the run stopped (\($0.rawValue))" })) {
            return [report(CaseResult.skipped(step, name: step.name, matrix: JSONObject(), reason: reason))]
        }
        if let rule = step.skip, rule.applies(toServer: instance.configuration.serverName) {
            return [report(CaseResult.skipped(step, name: step.name, matrix: JSONObject(), reason: rule.reason))]
        }
        if let error = state.variableError {
            return [report(errorResult(step, name: step.name, kind: "template", message: error))]
        }
        let needed = Set(step.expressions.map(\.rootName))
        if let missing = needed.sorted().first(where: { state.missingCaptures[$0] != nil }) {
            let source = state.missingCaptures[missing] ?? ""
            let reason = "needs '\(missing)', which step '\(source)' did not capture"
            return [report(CaseResult.skipped(step, name: step.name, matrix: JSONObject(), reason: reason))]
        }
        var combinations: [SuiteMatrix.Combination] = [[]]
        if let matrix = step.matrix {
            do {
                combinations = try matrix.combinations(in: instance.document, scope: state.scope)
            } catch {
                return [report(errorResult(step, name: step.name, kind: "matrix", message: error.message))]
            }
        }
        var results: [CaseResult] = []
        var capturedNames = Set<String>()
        for combination in combinations {
            if !results.isEmpty, let stop = context.control.stopReason, !isTeardown {
                let name = Self.caseName(step, combination)
                let matrix = JSONObject(combination.map { ($0.name, $0.value) })
                results.append(
                    report(
                        CaseResult.skipped(
                            step,
                            name: name,
                            matrix: matrix,
                            reason: "the run stopped (\(stop.rawValue))"
                        )
                    )
                )
                continue
            }
            var scope = state.scope
            for (name, value) in combination {
                scope.variables[name] = value
            }
            let outcome = await context.executor.execute(
                step,
                name: Self.caseName(step, combination),
                matrix: JSONObject(combination.map { ($0.name, $0.value) }),
                scope: scope,
                suiteChecks: instance.suite.checks,
                redactor: state.redactor
            )
            for capture in outcome.captured {
                state.scope.variables[capture.name] = capture.value
                capturedNames.insert(capture.name)
            }
            for secret in outcome.secrets {
                state.redactor.register(secret)
            }
            results.append(report(outcome.result))
        }
        for capture in step.captures {
            if capturedNames.contains(capture.name) {
                state.missingCaptures[capture.name] = nil
            } else {
                state.missingCaptures[capture.name] = step.name
            }
        }
        return results
    }

    private static func caseName(_ step: SuiteStep, _ combination: SuiteMatrix.Combination) -> String {
        combination.isEmpty ? step.name : "\(step.name) [\(SuiteMatrix.label(of: combination))]"
    }

    private func errorResult(_ step: SuiteStep, name: String, kind: String, message: String) -> CaseResult {
        var result = CaseResult.skipped(step, name: name, matrix: JSONObject(), reason: "")
        result.skipReason = nil
        result.outcome = .error
        result.error = StepError(kind: kind, message: context.redactor.redact(message))
        return result
    }

    /// Counts the case for the run's stop rules and reports it.
    private func report(_ result: CaseResult) -> CaseResult {
        context.control.record(result.outcome)
        context.events(.stepFinished(suite: instance.name, step: result))
        return result
    }
}
