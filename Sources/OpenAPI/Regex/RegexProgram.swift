/// One instruction of the backtracking machine.
enum RegexInstruction: Sendable {
    case scalar(UInt32)
    case dot
    case set(Int)
    /// Try the first target; on failure, the second.
    case split(Int, Int)
    case jump(Int)
    case save(Int)
    /// Remembers the position in a register (the start of a loop iteration).
    case mark(Int)
    /// Fails when the position has not moved since the register's `mark`: ECMA-262 rejects empty iterations.
    case progress(Int)
    case lineStart
    case lineEnd
    case wordBoundary(isNegated: Bool)
    case look(code: Int, isBehind: Bool, isNegated: Bool)
    case backReference(Int)
    case match
}

/// A compiled pattern: code 0 is the pattern, the others are lookaround bodies.
struct RegexProgram: Sendable {
    var codes: [[RegexInstruction]]
    var classes: [RegexClass]
    var slotCount: Int
    var registerCount: Int
    /// Whether every match must start at 0 (`^…`), so a search tries one start.
    var anchoredStart: Bool
    /// Whether the pattern is a plain literal, matched without the machine.
    var literal: [UInt32]?
}

/// Turns a ``RegexNode`` tree into a ``RegexProgram``.
enum RegexCompiler {
    static let instructionLimit = 200_000

    static func compile(_ tree: RegexNode, groupCount: Int) throws(RegexSyntaxError) -> RegexProgram {
        var builder = Builder(groupCount: groupCount)
        let main = try builder.code(for: tree)
        builder.codes[0] = main
        var anchored = false
        if case .sequence(let terms) = tree, case .lineStart = terms.first { anchored = true }
        if case .lineStart = tree { anchored = true }
        return RegexProgram(
            codes: builder.codes,
            classes: builder.classes,
            slotCount: 2 * (groupCount + 1),
            registerCount: builder.registerCount,
            anchoredStart: anchored,
            literal: literal(of: tree)
        )
    }

    /// The scalars of a pattern that is only literal characters, optionally after `^`.
    private static func literal(of tree: RegexNode) -> [UInt32]? {
        var terms: [RegexNode]
        switch tree {
        case .sequence(let sequence): terms = sequence
        case .scalar: terms = [tree]
        case .empty: terms = []
        default: return nil
        }
        if case .lineStart = terms.first { terms.removeFirst() }
        var scalars: [UInt32] = []
        for term in terms {
            guard case .scalar(let value) = term else { return nil }
            scalars.append(value)
        }
        return scalars
    }

    private struct Builder {
        var codes: [[RegexInstruction]] = [[]]
        var classes: [RegexClass] = []
        var registerCount = 0
        let groupCount: Int

        init(groupCount: Int) {
            self.groupCount = groupCount
        }

        mutating func code(for tree: RegexNode) throws(RegexSyntaxError) -> [RegexInstruction] {
            var output: [RegexInstruction] = []
            try emit(tree, into: &output)
            output.append(.match)
            return output
        }

        mutating func emit(_ node: RegexNode, into output: inout [RegexInstruction]) throws(RegexSyntaxError) {
            guard output.count < RegexCompiler.instructionLimit else {
                throw RegexSyntaxError(
                    pattern: "",
                    reason: "pattern too large once repetitions are expanded",
                    offset: 0
                )
            }
            switch node {
            case .empty:
                break
            case .scalar(let value):
                output.append(.scalar(value))
            case .dot:
                output.append(.dot)
            case .set(let set):
                classes.append(set)
                output.append(.set(classes.count - 1))
            case .sequence(let nodes):
                for child in nodes {
                    try emit(child, into: &output)
                }
            case .alternation(let nodes):
                var jumps: [Int] = []
                for (index, child) in nodes.enumerated() {
                    if index < nodes.count - 1 {
                        let split = output.count
                        output.append(.split(0, 0))
                        try emit(child, into: &output)
                        jumps.append(output.count)
                        output.append(.jump(0))
                        output[split] = .split(split + 1, output.count)
                    } else {
                        try emit(child, into: &output)
                    }
                }
                for jump in jumps {
                    output[jump] = .jump(output.count)
                }
            case .capture(let child, let index):
                output.append(.save(2 * index))
                try emit(child, into: &output)
                output.append(.save(2 * index + 1))
            case .group(let child):
                try emit(child, into: &output)
            case .quantified(let child, let low, let high, let isGreedy):
                try emitRepetition(child, min: low, max: high, isGreedy: isGreedy, into: &output)
            case .lineStart:
                output.append(.lineStart)
            case .lineEnd:
                output.append(.lineEnd)
            case .wordBoundary(let isNegated):
                output.append(.wordBoundary(isNegated: isNegated))
            case .look(let child, let isBehind, let isNegated):
                codes.append([])
                let index = codes.count - 1
                codes[index] = try code(for: child)
                output.append(.look(code: index, isBehind: isBehind, isNegated: isNegated))
            case .backReference(let index):
                output.append(.backReference(index))
            }
        }

        private mutating func emitRepetition(
            _ child: RegexNode,
            min low: Int,
            max high: Int?,
            isGreedy: Bool,
            into output: inout [RegexInstruction]
        ) throws(RegexSyntaxError) {
            for _ in 0..<low {
                try emit(child, into: &output)
            }
            guard let high else {
                let register = registerCount
                registerCount += 1
                let loop = output.count
                output.append(.split(0, 0))
                output.append(.mark(register))
                try emit(child, into: &output)
                output.append(.progress(register))
                output.append(.jump(loop))
                let exit = output.count
                output[loop] = isGreedy ? .split(loop + 1, exit) : .split(exit, loop + 1)
                return
            }
            var splits: [Int] = []
            for _ in low..<max(low, high) {
                splits.append(output.count)
                output.append(.split(0, 0))
                try emit(child, into: &output)
            }
            let exit = output.count
            for split in splits {
                output[split] = isGreedy ? .split(split + 1, exit) : .split(exit, split + 1)
            }
        }
    }
}

/// Runs a ``RegexProgram`` over the scalars of one string, backtracking with an explicit stack.
struct RegexMachine {
    let program: RegexProgram
    let input: [UInt32]
    let stepLimit: Int
    var steps = 0
    var slots: [Int]
    var registers: [Int]
    /// Backtrack entries: a branch to resume (`kind` 0: pc, position) or a slot or register to restore
    /// (`kind` 1: slot, old value; `kind` 2: register, old value).
    var stack: [(kind: Int, first: Int, second: Int)] = []

    init(program: RegexProgram, input: [UInt32], stepLimit: Int) {
        self.program = program
        self.input = input
        self.stepLimit = stepLimit
        self.slots = [Int](repeating: -1, count: program.slotCount)
        self.registers = [Int](repeating: -1, count: program.registerCount)
    }

    mutating func search() throws(RegexMatchError) -> Bool {
        let lastStart = program.anchoredStart ? 0 : input.count
        for start in 0...lastStart {
            for index in slots.indices { slots[index] = -1 }
            if try run(code: 0, from: start, mustEndAt: nil) { return true }
        }
        return false
    }

    private func isWordAt(_ position: Int) -> Bool {
        position >= 0 && position < input.count && RegexCharacters.isWord(input[position])
    }

    /// Runs one code from `start`; `mustEndAt` makes a match count only when it ends there (lookbehind).
    private mutating func run(code: Int, from start: Int, mustEndAt end: Int?) throws(RegexMatchError) -> Bool {
        let instructions = program.codes[code]
        let base = stack.count
        var pc = 0
        var position = start
        while true {
            steps += 1
            if steps > stepLimit { throw RegexMatchError(stepLimit: stepLimit) }
            var advanced = true
            switch instructions[pc] {
            case .scalar(let value):
                if position < input.count && input[position] == value {
                    position += 1
                    pc += 1
                } else {
                    advanced = false
                }
            case .dot:
                if position < input.count && !RegexCharacters.isLineTerminator(input[position]) {
                    position += 1
                    pc += 1
                } else {
                    advanced = false
                }
            case .set(let index):
                if position < input.count && program.classes[index].contains(input[position]) {
                    position += 1
                    pc += 1
                } else {
                    advanced = false
                }
            case .split(let first, let second):
                stack.append((0, second, position))
                pc = first
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append((1, slot, slots[slot]))
                slots[slot] = position
                pc += 1
            case .mark(let register):
                stack.append((2, register, registers[register]))
                registers[register] = position
                pc += 1
            case .progress(let register):
                if registers[register] == position {
                    advanced = false
                } else {
                    pc += 1
                }
            case .lineStart:
                if position == 0 { pc += 1 } else { advanced = false }
            case .lineEnd:
                if position == input.count { pc += 1 } else { advanced = false }
            case .wordBoundary(let isNegated):
                if (isWordAt(position - 1) != isWordAt(position)) != isNegated { pc += 1 } else { advanced = false }
            case .look(let sub, let isBehind, let isNegated):
                let matched = try look(code: sub, at: position, isBehind: isBehind)
                if matched != isNegated { pc += 1 } else { advanced = false }
            case .backReference(let group):
                let from = slots[2 * group]
                let to = slots[2 * group + 1]
                if from < 0 || to < from {
                    pc += 1
                } else if position + (to - from) <= input.count
                    && input[from..<to].elementsEqual(input[position..<position + (to - from)])
                {
                    position += to - from
                    pc += 1
                } else {
                    advanced = false
                }
            case .match:
                if end == nil || end == position {
                    // Keep the captures; drop the alternatives: a lookaround does not backtrack into itself.
                    stack.removeSubrange(base...)
                    return true
                }
                advanced = false
            }
            if advanced { continue }
            // Backtrack to the most recent branch, undoing captures and registers on the way.
            var resumed = false
            while stack.count > base {
                let entry = stack.removeLast()
                switch entry.kind {
                case 0:
                    pc = entry.first
                    position = entry.second
                    resumed = true
                case 1:
                    slots[entry.first] = entry.second
                default:
                    registers[entry.first] = entry.second
                }
                if resumed { break }
            }
            if !resumed { return false }
        }
    }

    private mutating func look(code: Int, at position: Int, isBehind: Bool) throws(RegexMatchError) -> Bool {
        let savedSlots = slots
        if !isBehind {
            let matched = try run(code: code, from: position, mustEndAt: nil)
            if !matched { slots = savedSlots }
            return matched
        }
        var start = position
        while start >= 0 {
            if try run(code: code, from: start, mustEndAt: position) { return true }
            slots = savedSlots
            start -= 1
        }
        return false
    }
}
