import Foundation

/// A JSON value, decoded strictly (a number is never read as a boolean, nor the other way round).
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

/// Checks JSON against the subset of JSON Schema (draft 2020-12) that `docs/json-format.schema.json`
/// uses: type, const, enum, required, properties, additionalProperties, items, minItems, maxItems,
/// minimum, pattern, oneOf and local `$ref`s into `$defs`. A keyword it doesn't know fails the check,
/// so the schema can't silently say more than is checked.
struct JSONSchemaCheck {
    let root: JSONValue

    private static let annotations: Set = ["$schema", "$id", "title", "description"]
    private static let known: Set = ["type", "const", "enum", "required", "properties", "additionalProperties", "items",
                                     "minItems", "maxItems", "minimum", "pattern", "oneOf", "$ref", "$defs"]

    /// Every problem with `value`, each with its JSON path; empty when it conforms.
    func problems(_ value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: root, path: "$", into: &found)
        return found
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard case .object(let object) = node, let next = object[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, against schema: JSONValue, path: String, into found: inout [String]) {
        guard case .object(let rules) = schema else { return found.append("\(path): the schema is not an object") }
        for key in rules.keys where !Self.known.contains(key) && !Self.annotations.contains(key) {
            found.append("\(path): the schema uses '\(key)', which this check does not know")
        }
        if case .string(let reference)? = rules["$ref"] {
            guard let target = resolve(reference) else { return found.append("\(path): unresolved \(reference)") }
            check(value, against: target, path: path, into: &found)
        }
        if case .string(let type)? = rules["type"], !Self.matches(value, type) {
            found.append("\(path): expected \(type), found \(value)")
            return
        }
        if let constant = rules["const"], value != constant { found.append("\(path): expected \(constant), found \(value)") }
        if case .array(let options)? = rules["enum"], !options.contains(value) {
            found.append("\(path): \(value) is not one of \(options)")
        }
        if case .number(let minimum)? = rules["minimum"], case .number(let number) = value, number < minimum {
            found.append("\(path): \(number) is below \(minimum)")
        }
        if case .string(let pattern)? = rules["pattern"], case .string(let text) = value,
           text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if case .array(let items) = value {
            if case .number(let least)? = rules["minItems"], Double(items.count) < least { found.append("\(path): too few items") }
            if case .number(let most)? = rules["maxItems"], Double(items.count) > most { found.append("\(path): too many items") }
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(index)]", into: &found) }
            }
        }
        if case .object(let object) = value {
            if case .array(let required)? = rules["required"] {
                for case .string(let key) in required where object[key] == nil { found.append("\(path): missing '\(key)'") }
            }
            var properties: [String: JSONValue] = [:]
            if case .object(let declared)? = rules["properties"] { properties = declared }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[key] {
                    check(member, against: propertySchema, path: "\(path).\(key)", into: &found)
                } else if let additional = rules["additionalProperties"] {
                    if additional == .bool(false) { found.append("\(path): unexpected '\(key)'") }
                    else if case .object = additional { check(member, against: additional, path: "\(path).\(key)", into: &found) }
                }
            }
        }
        if case .array(let options)? = rules["oneOf"] {
            let passing = options.filter { option in
                var problems: [String] = []
                check(value, against: option, path: path, into: &problems)
                return problems.isEmpty
            }.count
            if passing != 1 { found.append("\(path): matches \(passing) of the oneOf choices, not exactly one") }
        }
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }
}
