import Diagnostics
import JSON

/// The composer: turns events into node trees and JSON values, resolving aliases, tags and the core schema.
///
/// It keeps an explicit stack of open collections, so no input can overflow the call stack.
struct Composer {
    struct Frame {
        var isDocument = false
        var isMapping: Bool
        var isFlow: Bool
        var start: Mark
        var location: FileLocation
        var anchor: String?
        var tag: String?
        var lastEnd: Mark
        var nodes: [YAMLNode] = []
        var values: [JSONValue] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var members: [JSONObject.Member] = []
        var keyIndex: [String: Int]? = nil
        var pendingKey: YAMLNode? = nil
        var pendingKeyText = ""
        var pendingKeyStart = Mark(index: 0, line: 0, lineStart: 0)
        var nodeCount = 1

        /// The frame outside every collection, whose one node is the document's root.
        static let document = Frame(
            isDocument: true,
            isMapping: false,
            isFlow: false,
            start: Mark(index: 0, line: 1, lineStart: 0),
            location: FileLocation(path: "", line: 1, column: 1),
            lastEnd: Mark(index: 0, line: 1, lineStart: 0)
        )
    }

    struct Anchored {
        var node: YAMLNode
        var value: JSONValue
        var nodeCount: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    let limits: YAMLLimits
    var parser: Parser
    /// The collection being built (or the document, outside any collection) and the ones that contain it.
    var current = Frame.document
    var parents: [Frame] = []
    var anchors: [String: Anchored] = [:]
    var openAnchors: Set<String> = []
    var aliasExpansion = 0
    var warnings: [Diagnostic] = []
    var warnedTags: Set<String> = []
    var root: (node: YAMLNode, value: JSONValue)?
    // The last location computed, so columns on long lines are counted incrementally.
    var cachedLineStart = -1
    var cachedIndex = 0
    var cachedColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, limits: YAMLLimits) {
        self.bytes = bytes
        self.path = path
        self.limits = limits
        self.parser = Parser(scanner: Scanner(bytes: bytes, maximumDepth: limits.maximumDepth))
    }

    /// Loads every document of the stream.
    mutating func composeStream() throws(YAMLFailure) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        while true {
            let event = try parser.next()
            switch event.kind {
            case .streamStart:
                continue
            case .streamEnd:
                return documents
            case .documentStart:
                current = .document
                parents.removeAll()
                anchors.removeAll(keepingCapacity: true)
                root = nil
                warnings = []
                warnedTags = []
            case .documentEnd:
                collectParserWarnings(before: event.end.index)
                let composed =
                    root.take()
                    ?? (
                        makeNode(
                            .scalar(YAMLScalar("")),
                            tag: .null,
                            anchor: nil,
                            start: event.start,
                            end: event.start
                        ), .null
                    )
                documents.append(YAMLDocument(root: composed.node, value: composed.value, warnings: warnings))
            case .alias(let name):
                try composeAlias(name, event)
            case .scalar(let text, let style):
                let (node, value) = try composeScalar(text, style, event)
                try attach(node, value, nodeCount: 1, start: event.start, end: event.end)
            case .sequenceStart, .mappingStart:
                try open(event)
            case .sequenceEnd, .mappingEnd:
                try close(event)
            }
        }
    }

    /// Moves the scanner's and parser's warnings that come before `end` into this document's warnings.
    mutating func collectParserWarnings(before end: Int) {
        var later: [(message: String, mark: Mark)] = []
        for (message, mark) in parser.scanner.warnings + parser.warnings {
            if mark.index < end {
                warnings.append(Diagnostic(.warning, message, at: location(mark)))
            } else {
                later.append((message, mark))
            }
        }
        parser.scanner.warnings = later
        parser.warnings = []
        warnings = warnings.enumerated().sorted { left, right in
            let leftKey = (left.element.location?.line ?? 0, left.element.location?.column ?? 0, left.offset)
            let rightKey = (right.element.location?.line ?? 0, right.element.location?.column ?? 0, right.offset)
            return leftKey < rightKey
        }.map(\.element)
    }

    // MARK: - Locations

    /// The mark of a byte offset, counting lines from the start (for the rare warning that has only an offset).
    static func mark(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark {
        var mark = Mark(index: 0, line: 1, lineStart: 0)
        let stop = min(offset, bytes.count)
        while mark.index < stop {
            let byte = bytes[mark.index]
            mark.index += 1
            if byte == Byte.lineFeed
                || (byte == Byte.carriageReturn && (mark.index >= bytes.count || bytes[mark.index] != Byte.lineFeed))
            {
                mark.line += 1
                mark.lineStart = mark.index
            }
        }
        return mark
    }

    /// The line and column (in Unicode scalars) of a mark.
    mutating func lineAndColumn(_ mark: Mark) -> (line: Int, column: Int) {
        var column: Int
        var from: Int
        if mark.lineStart == cachedLineStart && mark.index >= cachedIndex {
            column = cachedColumn
            from = cachedIndex
        } else {
            column = 1
            from = mark.lineStart
        }
        let stop = min(mark.index, bytes.count)
        while from < stop {
            if bytes[from] & 0xC0 != 0x80 {
                column += 1
            }
            from += 1
        }
        cachedLineStart = mark.lineStart
        cachedIndex = stop
        cachedColumn = column
        return (mark.line, column)
    }

    /// The location of a mark, with the column in Unicode scalars.
    mutating func location(_ mark: Mark) -> FileLocation {
        let (line, column) = lineAndColumn(mark)
        return FileLocation(path: path, line: line, column: column)
    }

    /// A node at `start..<end`.
    mutating func makeNode(
        _ kind: YAMLNode.Kind,
        tag: StoredTag,
        anchor: String?,
        start: Mark,
        end: Mark
    ) -> YAMLNode {
        let startLocation = location(start)
        let (endLine, endColumn) = lineAndColumn(end)
        return YAMLNode(
            kind,
            coreTag: tag,
            anchor: anchor,
            location: startLocation,
            endLine: endLine,
            endColumn: endColumn
        )
    }

    // MARK: - Collections

    mutating func open(_ event: Event) throws(YAMLFailure) {
        guard parents.count < limits.maximumDepth else {
            throw YAMLFailure(.tooDeep(limit: limits.maximumDepth), at: event.start.index)
        }
        let isMapping: Bool
        let isFlow: Bool
        switch event.kind {
        case .mappingStart(let flow):
            isMapping = true
            isFlow = flow
        case .sequenceStart(let flow):
            isMapping = false
            isFlow = flow
        default:
            return
        }
        if let tag = event.tag {
            let kind = isMapping ? "mapping" : "sequence"
            switch tag {
            case CoreSchema.mappingTag where isMapping, CoreSchema.sequenceTag where !isMapping, "!":
                break
            case _
            where tag.hasPrefix("tag:yaml.org,2002:")
                && ["str", "int", "float", "bool", "null", "seq", "map"]
                    .contains(String(tag.dropFirst(18))):
                throw YAMLFailure(.tagMismatch(tag: Self.shortTag(tag), kind: kind), at: event.start.index)
            default:
                warn("unknown tag '\(Self.shortTag(tag))'; the \(kind) is kept as it is", at: event.start, once: tag)
            }
        }
        if let anchor = event.anchor {
            openAnchors.insert(anchor)
            anchors[anchor] = nil
        }
        var frame = Frame(
            isMapping: isMapping,
            isFlow: isFlow,
            start: event.start,
            location: location(event.start),
            anchor: event.anchor,
            tag: event.tag,
            lastEnd: event.end
        )
        swap(&frame, &current)
        parents.append(frame)
    }

    mutating func close(_ event: Event) throws(YAMLFailure) {
        guard !current.isDocument, var frame = parents.popLast() else { return }
        swap(&frame, &current)
        let end = frame.isFlow ? event.end : frame.lastEnd
        let node: YAMLNode
        let value: JSONValue
        let explicit = frame.tag == "!" ? nil : frame.tag
        let (endLine, endColumn) = lineAndColumn(end)
        if frame.isMapping {
            node = YAMLNode(
                .mapping(frame.pairs),
                coreTag: explicit.map { StoredTag($0) } ?? .mapping,
                anchor: frame.anchor,
                location: frame.location,
                endLine: endLine,
                endColumn: endColumn
            )
            value = .object(JSONObject(uniqueMembers: frame.members, index: frame.keyIndex))
        } else {
            node = YAMLNode(
                .sequence(frame.nodes),
                coreTag: explicit.map { StoredTag($0) } ?? .sequence,
                anchor: frame.anchor,
                location: frame.location,
                endLine: endLine,
                endColumn: endColumn
            )
            value = .array(frame.values)
        }
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = Anchored(node: node, value: value, nodeCount: frame.nodeCount)
        }
        try attach(node, value, nodeCount: frame.nodeCount, start: frame.start, end: end)
    }

    /// Adds a finished node to the collection being built, or makes it the document's root.
    mutating func attach(
        _ node: consuming YAMLNode,
        _ value: consuming JSONValue,
        nodeCount: Int,
        start: Mark,
        end: Mark
    ) throws(YAMLFailure) {
        guard !current.isDocument else {
            root = (node, value)
            return
        }
        current.nodeCount += nodeCount
        current.lastEnd = end
        guard current.isMapping else {
            current.nodes.append(node)
            current.values.append(value)
            return
        }
        guard let keyNode = current.pendingKey.take() else {
            switch node.kind {
            case .scalar(let scalar):
                current.pendingKeyText = scalar.value
                current.pendingKeyStart = start
            case .sequence:
                throw YAMLFailure(.complexKey("sequence"), at: start.index)
            case .mapping:
                throw YAMLFailure(.complexKey("mapping"), at: start.index)
            }
            current.pendingKey = consume node
            return
        }
        let keyText = current.pendingKeyText
        var existing: Int?
        if let index = current.keyIndex {
            existing = index[keyText]
        } else {
            for position in current.members.indices where current.members[position].key == keyText {
                existing = position
                break
            }
        }
        if let existing {
            let first = current.pairs[existing].key.location
            throw YAMLFailure(.duplicateKey(keyText, firstAt: first), at: current.pendingKeyStart.index)
        }
        current.pairs.append((keyNode, node))
        current.members.append((keyText, value))
        let count = current.members.count
        if current.keyIndex != nil {
            current.keyIndex?[keyText] = count - 1
        } else if count > 12 {
            var index = [String: Int](minimumCapacity: count * 2)
            for (position, member) in current.members.enumerated() {
                index[member.key] = position
            }
            current.keyIndex = index
        }
    }
}
