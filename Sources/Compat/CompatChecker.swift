import JSON
public import OpenAPI

/// Finds the changes between two versions of an OpenAPI spec that matter to clients of the old one.
///
/// 1. Match operations by method and path template, with parameter names ignored (`/accounts/{id}` and
///    `/accounts/{accountId}` are one operation, renamed); report the ones removed and added.
/// 2. For each matched operation compare parameters, request body, responses (status codes and media types) and
///    security, and queue each pair of schemas with its direction (request or response).
/// 3. Compare the queued schema pairs through `$ref`s and `allOf`, each pair once; a cycle of references meets a pair
///    already queued and stops there.
/// 4. Credit each schema change to every operation that reaches it, and sort: errors first, then by operation.
///
/// Nothing is an error here: two identical specs give an empty report, and so does a spec compared with itself.
public enum CompatChecker {
    /// Compares two specs.
    ///
    /// - Parameters:
    ///   - old: The version clients were built against.
    ///   - new: The version they will meet.
    /// - Returns: The changes, errors first.
    public static func compare(old: OpenAPIDocument, new: OpenAPIDocument) -> CompatReport {
        var run = ComparisonRun(old: old, new: new)
        run.compareOperations()
        run.compareQueuedSchemas()
        run.attributeSchemaChanges()
        return CompatReport(old: summary(of: old), new: summary(of: new), changes: run.changes())
    }

    private static func summary(of document: OpenAPIDocument) -> CompatReport.SpecSummary {
        CompatReport.SpecSummary(
            path: document.path,
            title: document.title,
            version: document.version,
            operationCount: document.operations.count
        )
    }
}

extension ComparisonRun {
    private static let ruleOrder = Dictionary(
        uniqueKeysWithValues: CompatRule.all.enumerated().map { ($0.element.id, $0.offset) }
    )

    /// The changes found, each with its operations and file positions, in report order.
    func changes() -> [CompatChange] {
        var sortable: [(first: Int, change: CompatChange)] = []
        for draft in drafts where !draft.operations.isEmpty {
            let operations = draft.operations.sorted()
            let change = CompatChange(
                rule: draft.rule,
                operations: operations.map { operationNames[$0] },
                old: draft.old.map { old.position($0) },
                new: draft.new.map { new.position($0) },
                message: draft.message
            )
            sortable.append((operations[0], change))
        }
        sortable.sort { left, right in
            if left.change.level != right.change.level { return left.change.level > right.change.level }
            if left.first != right.first { return left.first < right.first }
            let leftRule = Self.ruleOrder[left.change.rule.id] ?? 0
            let rightRule = Self.ruleOrder[right.change.rule.id] ?? 0
            if leftRule != rightRule { return leftRule < rightRule }
            let leftPlace = (left.change.new?.pointer.description ?? "", left.change.old?.pointer.description ?? "")
            let rightPlace = (right.change.new?.pointer.description ?? "", right.change.old?.pointer.description ?? "")
            if leftPlace != rightPlace { return leftPlace < rightPlace }
            return left.change.message < right.change.message
        }
        return sortable.map(\.change)
    }
}
