package import JSON

/// Realistic scalar values by format and by property name: what ``SchemaSampler`` writes into strings and numbers.
package enum SampleValues {
    static let symbols = ["BTC", "ETH", "USDC", "SOL", "USDT", "MATIC"]
    static let networks = ["Ethereum", "Solana", "Polygon", "Bitcoin", "Base"]
    static let names = ["Mesh Sandbox Account", "Individual Brokerage", "Crypto Wallet", "Trading Account"]

    /// `accountTokens` → `accountToken`, `statuses` → `status`: the name of one item of a named array.
    package static func singular(_ name: String) -> String {
        if name.hasSuffix("ses") { return String(name.dropLast(2)) }
        if name.hasSuffix("ies") { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("s") { return String(name.dropLast()) }
        return name
    }

    package static func string(for facts: SchemaFacts, name: String?, random: inout SeededRandom) -> String {
        var text = unconstrainedString(format: facts.format, name: name?.lowercased() ?? "", random: &random)
        if let maxLength = facts.maxLength, text.count > maxLength {
            text = String(text.prefix(maxLength))
        }
        if let minLength = facts.minLength, text.count < minLength {
            text += String(repeating: "x", count: minLength - text.count)
        }
        return text
    }

    private static func unconstrainedString(format: String?, name: String, random: inout SeededRandom) -> String {
        switch format {
        case "uuid": return random.uuid()
        case "uri", "url": return "https://example.com/\(name.isEmpty ? "resource" : name)/\(random.hex(8))"
        case "date-time": return dateTime(&random)
        case "date": return String(dateTime(&random).prefix(10))
        case "email": return "jane.doe\(random.next() % 100)@example.com"
        case "ipv4": return "203.0.113.\(random.next() % 250 + 1)"
        case "byte": return "TWVzaCBtb2Nr"
        default: break
        }
        return stringByName(name, random: &random)
    }

    // A lookup by name fragment; the order matters (`errorhash` before `hash`, `address` before `id`).
    private static func stringByName(_ name: String, random: inout SeededRandom) -> String {
        if name == "errorhash" { return random.hex(40) }
        if name.contains("email") { return "jane.doe\(random.next() % 100)@example.com" }
        if name.contains("phone") { return "+1555555\(1000 + random.next() % 9000)" }
        if name.hasSuffix("url") || name.hasSuffix("link") || name.hasSuffix("uri") || name.contains("logo")
            || name.contains("icon")
        {
            return "https://example.com/\(name)/\(random.hex(8))"
        }
        if name.contains("address") { return "0x" + random.hex(40) }
        if name.contains("hash") { return "0x" + random.hex(64) }
        if name.contains("symbol") || name == "token" { return pick(symbols, &random) }
        if name.contains("token") { return "mock-\(name)-\(random.hex(24))" }
        if name.contains("currency") { return "USD" }
        if name.contains("network") || name.contains("chain") { return pick(networks, &random) }
        if name.contains("country") { return "US" }
        if name.contains("timestamp") || name.hasSuffix("date") || name.hasSuffix("time") { return dateTime(&random) }
        if name.hasSuffix("id") || name.hasSuffix("ids") { return random.uuid() }
        if name.contains("name") || name == "title" { return pick(names, &random) }
        if name.contains("message") || name.contains("description") || name.contains("text") {
            return "Sample \(name.isEmpty ? "text" : name) from the meshcheck reference mock."
        }
        if name.contains("memo") || name.contains("tag") { return "memo-\(random.next() % 100_000)" }
        return "\(name.isEmpty ? "value" : name)-\(random.hex(6))"
    }

    package static func integer(for facts: SchemaFacts, name: String?, random: inout SeededRandom) -> JSONNumber {
        let lowered = name?.lowercased() ?? ""
        var low: Double
        var high: Double
        if lowered.contains("timestamp") {
            (low, high) = (1_700_000_000_000, 1_760_000_000_000)
        } else if lowered.contains("seconds") {
            (low, high) = (300, 86_400)
        } else if lowered.contains("count") || lowered.contains("total") {
            (low, high) = (1, 25)
        } else {
            (low, high) = (1, 1_000)
        }
        if facts.format == "int32" { high = min(high, Double(Int32.max)) }
        (low, high) = bounded(low, high, facts: facts, step: 1)
        var value = Int(low) + Int(random.next() % UInt64(max(1, Int(high) - Int(low) + 1)))
        if let multiple = facts.multipleOf, multiple >= 1 {
            let step = Int(multiple)
            value = max(Int(low), value / step * step)
        }
        return JSONNumber(value)
    }

    package static func number(for facts: SchemaFacts, name: String?, random: inout SeededRandom) -> JSONNumber {
        let lowered = name?.lowercased() ?? ""
        var low: Double
        var high: Double
        if lowered.contains("price") || lowered.contains("value") || lowered.contains("fiat") {
            (low, high) = (10, 50_000)
        } else if lowered.contains("percent") || lowered.contains("fee") || lowered.contains("rate") {
            (low, high) = (0.01, 5)
        } else if lowered.contains("fund") || lowered.contains("cash") || lowered.contains("balance") {
            (low, high) = (100, 25_000)
        } else {
            (low, high) = (0.01, 100)
        }
        (low, high) = bounded(low, high, facts: facts, step: 0.01)
        let cents = Int((low * 100).rounded(.up)) + Int(random.next() % UInt64(max(1, Int((high - low) * 100) + 1)))
        let clamped = min(cents, Int((high * 100).rounded(.down)))
        if let multiple = facts.multipleOf, multiple > 0 {
            return JSONNumber(Int((Double(clamped) / 100 / multiple).rounded(.down) * multiple))
        }
        let fraction = clamped % 100
        let text = "\(clamped / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        return JSONNumber(text) ?? JSONNumber(clamped / 100)
    }

    /// The range narrowed to the schema's `minimum` and `maximum` (exclusive ones by one `step`).
    private static func bounded(_ low: Double, _ high: Double, facts: SchemaFacts, step: Double) -> (Double, Double) {
        var low = low
        var high = high
        if let minimum = facts.minimum {
            let floor = facts.isExclusiveMinimum ? minimum + step : minimum
            low = max(low, floor)
            if high < low { high = low + 100 }
        }
        if let maximum = facts.maximum {
            let ceiling = facts.isExclusiveMaximum ? maximum - step : maximum
            high = min(high, ceiling)
            if low > high { low = max(facts.minimum ?? ceiling, ceiling - 100) }
        }
        return (low, high)
    }

    package static func dateTime(_ random: inout SeededRandom) -> String {
        let month = 1 + Int(random.next() % 12)
        let day = 1 + Int(random.next() % 28)
        let hour = Int(random.next() % 24)
        let minute = Int(random.next() % 60)
        return "2025-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):00Z"
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func pick(_ values: [String], _ random: inout SeededRandom) -> String {
        values[Int(random.next() % UInt64(values.count))]
    }
}
