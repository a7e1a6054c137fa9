import Diagnostics
import Foundation
import HTTP
import JSON
import OpenAPI
import Suites

/// Runs suites against one server and collects what happened.
///
/// 1. Plan: suites filtered by tag, their `generate:` expanded into steps (``SuiteGenerator``), expanded per matrix
///    combination, `only` and `skip` applied.
/// 2. Send: suite instances run in parallel (``RunConfiguration/jobs`` at once), steps in order within each; each
///    step's request is built from the suite and the captured variables.
/// 3. Capture: the exchange, redacted by ``SecretRedactor`` before it is stored.
/// 4. Check: status, media type, schema and Mesh's rules, then the step's expectations. A failing check is a
///    result, not a thrown error.
///
/// Results come back in plan order, whatever order suites finished in, so a run with `--jobs 1` and one with
/// `--jobs 8` report the same steps in the same order.
public struct SuiteRunner: Sendable {
    private let events: @Sendable (RunEvent) -> Void

    /// Creates a runner.
    ///
    /// - Parameter events: Called as the run progresses (from any task), for progress lines.
    public init(events: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
        self.events = events
    }

    /// Runs a plan.
    ///
    /// - Parameter plan: The lint-clean suites in run order and the ``RunConfiguration`` (server, limits, timeouts).
    /// - Returns: One ``SuiteResult`` per suite instance, each with one ``CaseResult`` per step case.
    /// - Throws: ``RunError/serverUnreachable(reason:partial:)`` only when no connection can be made at all; the
    ///   error carries what was recorded. Cancelling the task stops the run and marks the result interrupted.
    public func run(_ plan: RunPlan) async throws -> RunResult {
        let configuration = plan.configuration
        let clock = ContinuousClock()
        let start = clock.now
        var redactor = configuration.redactor
        redactor.register(configuration.credentials.clientID)
        redactor.register(configuration.credentials.clientSecret)
        let instances = Self.instances(of: plan)
        events(.started(plannedSteps: instances.reduce(0) { $0 + $1.plannedSteps(in: plan.document) }))

        var clientConfiguration = configuration.client
        clientConfiguration.maxIdleConnectionsPerHost = max(
            clientConfiguration.maxIdleConnectionsPerHost,
            configuration.jobs
        )
        let client = HTTPClient(configuration: clientConfiguration)
        defer { client.shutdown() }
        let control = RunControl(failFast: configuration.failFast, maxFailures: configuration.maxFailures)
        let executor = StepExecutor(
            document: plan.document,
            configuration: configuration,
            client: client,
            control: control,
            operations: OperationCache(document: plan.document)
        )
        let context = InstanceRun.Context(
            executor: executor,
            control: control,
            redactor: redactor,
            events: events
        )

        var results = [SuiteResult?](repeating: nil, count: instances.count)
        await withTaskCancellationHandler {
            await withTaskGroup(of: (Int, SuiteResult).self) { group in
                var next = 0
                func addNext() {
                    let index = next
                    let instance = instances[index]
                    group.addTask { (index, await InstanceRun(instance: instance, context: context).run()) }
                    next += 1
                }
                while next < min(configuration.jobs, instances.count) {
                    addNext()
                }
                while let (index, result) = await group.next() {
                    results[index] = result
                    events(.suiteFinished(result))
                    if next < instances.count { addNext() }
                }
            }
        } onCancel: {
            Self.interrupt(control: control, client: client)
        }
        if Task.isCancelled { control.interrupt() }

        var result = RunResult(
            runID: configuration.runID,
            toolVersion: configuration.toolVersion,
            specTitle: plan.document.title,
            specVersion: plan.document.version,
            specPath: plan.document.path,
            serverName: configuration.serverName,
            serverURL: configuration.baseURL,
            startedAt: configuration.startedAt,
            duration: clock.now - start,
            stopReason: control.stopReason,
            jobs: configuration.jobs,
            includeTags: configuration.includeTags,
            excludeTags: configuration.excludeTags,
            failFast: configuration.failFast,
            maxFailures: configuration.maxFailures,
            suites: results.compactMap { $0 }
        )
        result.hostname = configuration.hostname
        if control.stopReason == .serverUnreachable {
            throw RunError.serverUnreachable(reason: control.unreachableReason ?? "no connection", partial: result)
        }
        return result
    }

    // MARK: - Planning

    /// The suite instances of a plan: tags applied, generated cases added, matrices expanded, `only` and `skip`
    /// decided.
    static func instances(of plan: RunPlan) -> [SuiteInstance] {
        let configuration = plan.configuration
        let generator = SuiteGenerator(document: plan.document)
        let selected = plan.suites.flatMap(generator.expand).filter { suite in
            (configuration.includeTags.isEmpty || suite.tags.contains(where: configuration.includeTags.contains))
                && !suite.tags.contains(where: configuration.excludeTags.contains)
        }
        let onlySuite = selected.first { $0.only != nil }
        var instances: [SuiteInstance] = []
        for selectedSuite in selected {
            let suite = selectedSuite.bindingSchemaEnums(to: plan.document)
            var skipReason: String?
            if let rule = suite.skip, rule.applies(toServer: configuration.serverName) {
                skipReason = rule.reason
            } else if let onlySuite, suite.only == nil {
                skipReason = "suite '\(onlySuite.name)' says only: \(onlySuite.only ?? "")"
            }
            let baseScope = InstanceRun.baseScope(configuration: configuration, instance: instances.count)
            var combinations: [SuiteMatrix.Combination] = [[]]
            var matrixError: String?
            if let matrix = suite.matrix {
                do {
                    combinations = try matrix.combinations(in: plan.document, scope: baseScope)
                } catch {
                    matrixError = error.message
                }
            }
            for combination in combinations {
                instances.append(
                    SuiteInstance(
                        suite: suite,
                        combination: combination,
                        ordinal: instances.count,
                        skipReason: skipReason,
                        matrixError: matrixError,
                        configuration: configuration,
                        document: plan.document
                    )
                )
            }
        }
        return instances
    }
}

/// One suite run for one matrix combination.
struct SuiteInstance: Sendable {
    let suite: Suite
    let combination: SuiteMatrix.Combination
    /// The position in the plan, from 0; part of `{{ run.instance }}`.
    let ordinal: Int
    let skipReason: String?
    let matrixError: String?
    let configuration: RunConfiguration
    let document: OpenAPIDocument

    var name: String {
        combination.isEmpty ? suite.name : "\(suite.name) [\(SuiteMatrix.label(of: combination))]"
    }

    var matrixObject: JSONObject {
        JSONObject(combination.map { ($0.name, $0.value) })
    }

    /// Steps counted with their matrix cases, for progress.
    func plannedSteps(in document: OpenAPIDocument) -> Int {
        suite.allSteps.reduce(0) { total, step in
            guard let matrix = step.matrix else { return total + 1 }
            let count = matrix.dimensions.reduce(1) { product, dimension in
                switch dimension.values {
                case .list(let values): product * values.count
                case .schemaEnum(let name):
                    product * (SuiteMatrix.enumValues(ofSchemaNamed: name, in: document)?.count ?? 1)
                }
            }
            return total + max(1, count)
        }
    }
}
