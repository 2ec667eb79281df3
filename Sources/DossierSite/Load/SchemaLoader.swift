import DossierData
import DossierModel
import Yams

/// Reads a data dictionary (`data/<name>.schema.yml`, a Frictionless Table Schema in YAML).
/// Unknown keys are warnings; a value of the wrong type is an error at its line.
enum SchemaLoader {
    static let topKeys: Set<String> = [
        "fields", "primaryKey", "missingValues", "sources", "notes", "title", "description", "foreignKeys",
    ]
    static let fieldKeys: Set<String> = [
        "name", "title", "description", "type", "constraints", "labels", "missing", "unit", "year", "source", "qualifiers",
        "translations", "delimiter", "language",
    ]

    static func decode(_ yaml: String, path: String) -> (TableSchema?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLMapping.parse(yaml, path: path, firstLine: 1)
        guard var map = parsed else { return (nil, parseDiagnostics) }
        let keyLines = map.keyLines()

        var primaryKey: [String] = []
        if let node = map.node("primaryKey") {
            if node.sequence != nil { primaryKey = map.stringList("primaryKey") ?? [] } else if let key = map.string(node, field: "primaryKey") { primaryKey = [key] }
        }
        let missingValues = map.node("missingValues") == nil ? [""] : (map.stringList("missingValues") ?? [""])
        let fields = map.mappingList("fields", field) ?? []
        if map.node("fields") == nil { map.error(nil, "a data dictionary needs 'fields', one entry per column") }
        let sources = map.mappingList("sources") { item -> TableSchema.Source? in
            let title = item.localized("title")
            let id = item.string("id")
            var path: String?
            if let node = item.node("path"), let text = item.string(node, field: "path") {
                if text.hasPrefix("https://") || text.hasPrefix("http://") { path = text } else {
                    item.error(node, "a source's 'path' must be a web address (https://…), found '\(text)'")
                }
            } else if item.node("path") == nil {
                item.error(nil, "a source needs a 'path' (its web address)")
            }
            let description = item.localized("description")
            item.warnUnknownKeys(["title", "path", "id", "description"], what: "a source")
            guard let path else { return nil }
            guard let title else {
                item.error(nil, "a source needs a 'title', shown to readers instead of its address")
                return nil
            }
            return TableSchema.Source(title: title, path: path, id: id, description: description)
        } ?? []
        let notes = map.localized("notes")
        let title = map.localized("title"), description = map.localized("description")
        // Frictionless: `fields` and `reference.fields` may be one name or a list of one.
        let foreignKeys = map.mappingList("foreignKeys") { item -> TableSchema.ForeignKey? in
            let line = item.keyLines()["fields"] ?? (item.mark?.line ?? 1) + item.lineOffset
            func one(_ map: inout YAMLMapping, _ key: String) -> String? {
                guard let node = map.node(key) else { map.error(nil, "a foreign key needs '\(key)'"); return nil }
                if node.sequence != nil {
                    let list = map.stringList(key) ?? []
                    if list.count != 1 { map.error(node, "a foreign key of \(list.count) columns is not supported: name one"); return nil }
                    return list[0]
                }
                return map.string(node, field: key)
            }
            let field = one(&item, "fields")
            var resource: String?, referenced: String?
            if var reference = item.mapping("reference") {
                resource = reference.string("resource")
                if resource == nil { reference.error(nil, "a foreign key's 'reference' needs 'resource': the CSV file under content/data/") }
                referenced = one(&reference, "fields")
                reference.warnUnknownKeys(["resource", "fields"], what: "a foreign key's reference")
                item.diagnostics += reference.diagnostics
            } else {
                item.error(nil, "a foreign key needs 'reference: {resource: <file>.csv, fields: <column>}'")
            }
            item.warnUnknownKeys(["fields", "reference"], what: "a foreign key")
            guard let field, let resource, let referenced else { return nil }
            return TableSchema.ForeignKey(field: field, resource: resource, referenced: referenced, line: line)
        } ?? []
        map.warnUnknownKeys(topKeys, what: "a data dictionary")
        let diagnostics = parseDiagnostics + map.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (TableSchema(path: path, fields: fields, primaryKey: primaryKey, missingValues: missingValues,
                            sources: sources, notes: notes, keyLines: keyLines, title: title, description: description,
                            foreignKeys: foreignKeys), diagnostics)
    }

    static func field(_ item: inout YAMLMapping) -> FieldSchema? {
        let keyLines = item.keyLines()
        guard let name = item.required("name", what: "a field") else { return nil }
        var type = FieldSchema.FieldType.string
        if let node = item.node("type"), let text = item.string(node, field: "type") {
            if let t = FieldSchema.FieldType(rawValue: text) { type = t } else {
                item.error(node, "field '\(name)': unknown type '\(text)' (expected \(FieldSchema.FieldType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        var enumValues: [String]?
        if var constraints = item.mapping("constraints") {
            enumValues = constraints.stringList("enum")
            constraints.warnUnknownKeys(["enum"], what: "the constraints of field '\(name)'")
            item.diagnostics += constraints.diagnostics
        }
        var labels: [String: Localized] = [:]
        if var map = item.mapping("labels") {
            for pair in map.pairs {
                if let text = map.localized(pair.value, field: "labels: \(pair.key)") { labels[pair.key] = text }
            }
            item.diagnostics += map.diagnostics
        }
        let field = FieldSchema(
            name: name, title: item.localized("title"), description: item.localized("description"), type: type,
            enumValues: enumValues, labels: labels, missing: item.localized("missing"), unit: item.localized("unit"),
            year: item.string("year"), source: item.string("source"), qualifiers: item.bool("qualifiers") ?? false,
            translations: translations(&item, field: name), delimiter: item.string("delimiter") ?? ";",
            language: item.string("language"),
            line: keyLines["name"] ?? (item.mark?.line ?? 1) + item.lineOffset, keyLines: keyLines)
        item.warnUnknownKeys(fieldKeys, what: "field '\(name)'")
        return field
    }
}

extension SchemaLoader {
    /// `translations: {de: notes_de}`: language code → column.
    static func translations(_ item: inout YAMLMapping, field: String) -> [String: String] {
        guard let node = item.node("translations") else { return [:] }
        guard let pairs = node.mapping else {
            item.error(node, "field '\(field)': 'translations' must map language codes to columns ({de: \(field)_de}), found \(YAMLMapping.describe(node))")
            return [:]
        }
        var columns: [String: String] = [:]
        for (key, value) in pairs {
            if let code = key.string, let column = item.string(value, field: "translations: \(code)") { columns[code] = column }
        }
        return columns
    }
}

extension YAMLMapping {
    /// Reader-facing text: a plain string, or a map of language code → string.
    mutating func localized(_ key: String) -> Localized? {
        guard let node = node(key) else { return nil }
        return localized(node, field: key)
    }

    mutating func localized(_ node: YAMLNode, field: String) -> Localized? {
        if node.scalar != nil { return string(node, field: field).map(Localized.plain) }
        guard let pairs = node.mapping else {
            error(node, "'\(field)' must be text or a map of languages to text ({en: …, de: …}), found \(Self.describe(node))")
            return nil
        }
        var texts: [String: String] = [:]
        for (key, value) in pairs {
            let language = key.string ?? ""
            if let text = string(value, field: "\(field): \(language)") { texts[language] = text }
        }
        return .languages(texts)
    }
}
