import JSON
import OpenAPI

/// Whether a schema describes what clients send or what they receive: the same edit breaks clients in one
/// direction and is harmless in the other.
enum Direction: Hashable {
    /// Requests: the new spec must accept everything the old one did.
    case request
    /// Responses: clients built on the old spec must understand everything the new one can send.
    case response
}

/// A change before it knows every operation that reaches it.
struct ChangeDraft {
    var rule: CompatRule
    var old: JSONPointer?
    var new: JSONPointer?
    var message: String
    var operations: Set<Int> = []
}

/// One pair of schemas compared once, whichever operations reach it.
struct SchemaNode {
    struct Key: Hashable {
        var old: JSONPointer
        var new: JSONPointer
        var direction: Direction
    }

    var key: Key
    /// Indexes into ``ComparisonRun/drafts``.
    var changes: [Int] = []
    /// Pairs of sub-schemas (properties, items, alternatives).
    var children: [Int] = []
}

/// The state of one comparison: both specs, the changes found, and the graph of schema pairs.
///
/// Schemas are compared as pairs (old pointer, new pointer, direction), each pair once; a pair met again (a shared
/// component, or a cycle through `$ref`s) is the same node. Each operation keeps the nodes it starts from; at the end
/// every node an operation reaches adds that operation to the node's changes.
struct ComparisonRun {
    var old: SpecView
    var new: SpecView
    var drafts: [ChangeDraft] = []
    private var draftIndex: [DraftKey: Int] = [:]
    var nodes: [SchemaNode] = []
    private var nodeIDs: [SchemaNode.Key: Int] = [:]
    private var pending: [Int] = []
    /// Operation names, in report order.
    var operationNames: [String] = []
    /// The schema nodes each operation starts from.
    var operationRoots: [[Int]] = []

    private struct DraftKey: Hashable {
        var rule: String
        var old: JSONPointer?
        var new: JSONPointer?
    }

    init(old: OpenAPIDocument, new: OpenAPIDocument) {
        self.old = SpecView(old)
        self.new = SpecView(new)
    }

    /// Adds an operation to report changes against and returns its index.
    mutating func addOperation(named name: String) -> Int {
        operationNames.append(name)
        operationRoots.append([])
        return operationNames.count - 1
    }

    /// Records a change; the same rule at the same pair of positions is one change.
    @discardableResult
    mutating func record(
        _ rule: CompatRule,
        old: JSONPointer?,
        new: JSONPointer?,
        _ message: String
    ) -> Int {
        let key = DraftKey(rule: rule.id, old: old, new: new)
        if let index = draftIndex[key] { return index }
        drafts.append(ChangeDraft(rule: rule, old: old, new: new, message: message))
        draftIndex[key] = drafts.count - 1
        return drafts.count - 1
    }

    /// Records a change of one operation.
    mutating func record(
        _ rule: CompatRule,
        operation: Int,
        old: JSONPointer?,
        new: JSONPointer?,
        _ message: String
    ) {
        let index = record(rule, old: old, new: new, message)
        drafts[index].operations.insert(operation)
    }

    /// Records a change found in a schema node.
    mutating func record(
        _ rule: CompatRule,
        node: Int,
        old: JSONPointer?,
        new: JSONPointer?,
        _ message: String
    ) {
        nodes[node].changes.append(record(rule, old: old, new: new, message))
    }

    /// The node comparing two schemas (followed through `$ref`s), made and queued on first use.
    mutating func node(old oldPointer: JSONPointer, new newPointer: JSONPointer, _ direction: Direction) -> Int {
        let key = SchemaNode.Key(old: old.resolve(oldPointer), new: new.resolve(newPointer), direction: direction)
        if let id = nodeIDs[key] { return id }
        nodes.append(SchemaNode(key: key))
        let id = nodes.count - 1
        nodeIDs[key] = id
        pending.append(id)
        return id
    }

    /// Makes `child` reachable from `parent`.
    mutating func link(_ parent: Int, to oldPointer: JSONPointer, _ newPointer: JSONPointer) {
        let child = node(old: oldPointer, new: newPointer, nodes[parent].key.direction)
        nodes[parent].children.append(child)
    }

    /// Compares every queued schema pair, including the ones found on the way.
    mutating func compareQueuedSchemas() {
        while let id = pending.popLast() {
            compareSchemas(node: id)
        }
    }

    /// Adds each operation to the changes of every node it reaches.
    mutating func attributeSchemaChanges() {
        var visited = [Int](repeating: -1, count: nodes.count)
        for operation in operationRoots.indices {
            var stack = operationRoots[operation]
            while let id = stack.popLast() {
                guard visited[id] != operation else { continue }
                visited[id] = operation
                for change in nodes[id].changes {
                    drafts[change].operations.insert(operation)
                }
                stack.append(contentsOf: nodes[id].children)
            }
        }
    }
}
