import DossierCharts
import DossierData
import DossierMarkdown
import DossierModel
import DossierTemplates

/// A collection's index (`/<path>/`) and its rows' pages (`/<path>/<id>/`), in every language,
/// through `<name>.mustache` / `<name>-item.mustache` when the theme has them, else
/// `collection.mustache` / `collection-item.mustache`. Every word a reader sees of a cell comes
/// from the data dictionary through `DataDisplay`, in the page's language.
extension PageRenderer {
    static func indexTemplate(_ name: String, library: TemplateLibrary) -> String {
        library.has(name) ? name : "collection"
    }

    static func itemTemplate(_ name: String, library: TemplateLibrary) -> String {
        library.has(name + "-item") ? name + "-item" : "collection-item"
    }

    func collectionIndex(_ c: Int, language: String) throws -> Result {
        let collection = site.collections[c]
        let route = collection.indexRoute(language, routes: site.routes)
        let info = collectionInfo(collection, language: language)
        let ids = FigureIDs()
        var diagnostics: [Diagnostic] = []
        var body = ""
        let intro = collection.intros[language]
        if let intro {
            let rendered = try renderBody(intro.source.file, displayPath: intro.source.displayPath, language: language, ids: ids)
            diagnostics += rendered.diagnostics
            body = rendered.html
        }
        let view = CollectionPage(
            common: context.common(language: language, route: route, title: info.title, description: intro?.summary, kind: "collection"),
            collection: info, summary: intro?.summary, body: HTML(body), groups: groups(collection, language: language))
        diagnostics += try write(Self.indexTemplate(collection.name, library: theme.library), view, to: route.outputFile, ids: ids)
        return .page(route, diagnostics: diagnostics)
    }

    func collectionRow(_ c: Int, row r: Int, language: String) throws -> Result {
        let collection = site.collections[c]
        let row = collection.rows[r]
        let route = collection.route(row, language: language, routes: site.routes)
        let ids = FigureIDs()
        var diagnostics: [Diagnostic] = []
        var narrative = ""
        if let source = row.narratives[language] {
            let rendered = try renderBody(source.file, displayPath: source.displayPath, language: language, ids: ids)
            diagnostics += rendered.diagnostics
            narrative = rendered.html
        }
        let view = rowView(collection, row: r, language: language)
        let list = site.briefings[language] ?? []
        let briefings = site.briefings(naming: row.id, of: collection.name, language: language).map { list[$0] }
        let page = CollectionItemPage(
            common: context.common(language: language, route: route, title: view.name, description: view.summary, kind: "collection-item"),
            collection: collectionInfo(collection, language: language), row: view, narrative: HTML(narrative),
            series: series(collection, id: row.id, language: language), map: map(collection),
            briefings: briefings.map(context.card))
        diagnostics += try write(Self.itemTemplate(collection.name, library: theme.library), page, to: route.outputFile, ids: ids)
        return .page(route, diagnostics: diagnostics)
    }

    // MARK: - Views

    func collectionInfo(_ collection: CollectionModel, language: String) -> CollectionInfoView {
        let fallback = site.config.language
        return CollectionInfoView(
            name: collection.name, title: collection.title(language, fallback: fallback),
            url: site.url(collection.indexRoute(language, routes: site.routes)), count: collection.rows.count,
            notes: collection.schema?.notes.map { $0.text(language, fallback: fallback) })
    }

    func display(_ language: String) -> DataDisplay {
        DataDisplay(language: language, labels: strings.chartLabels(language), fallbackLanguage: site.config.language)
    }

    /// Rows by the labels of the group column: groups in the order of its enum, then of first
    /// appearance; rows in the order of the data file. Without a group column, one group.
    func groups(_ collection: CollectionModel, language: String) -> [GroupView] {
        let rows = collection.rows.indices.map { rowView(collection, row: $0, language: language) }
        guard let column = collection.config.group else { return [GroupView(label: nil, rows: rows)] }
        let table = collection.table
        var order = table.field(column)?.enumValues ?? []
        for row in collection.rows {
            let value = table.value(row.row, column) ?? ""
            if !order.contains(value) { order.append(value) }
        }
        let display = display(language)
        return order.compactMap { value in
            let members = collection.rows.indices.filter { (table.value(collection.rows[$0].row, column) ?? "") == value }
            guard !members.isEmpty else { return nil }
            let label = value.isEmpty ? display.missing(table, column) : display.value(value, field: table.field(column))
            return GroupView(label: label, rows: members.map { rows[$0] })
        }
    }

    func rowView(_ collection: CollectionModel, row r: Int, language: String) -> RowView {
        let row = collection.rows[r]
        let table = collection.table
        let display = display(language)
        let fields = collection.schema?.fields ?? []
        let views = fields.map { fieldView(table, row.row, $0, display: display) }
        let hidden = collection.servingColumns.union(map(collection).map { [$0.lat, $0.lon] } ?? [])
        var sources: [CitedSourceView] = []
        for view in views {
            for source in view.sources where !sources.contains(where: { $0.url == source.url && $0.title == source.title }) {
                sources.append(source)
            }
        }
        let group = collection.config.group.flatMap { column in
            table.value(row.row, column).map { display.value($0, field: table.field(column)) }
        }
        return RowView(
            id: row.id, name: collection.rowName(row, language: language, fallback: site.config.language),
            url: site.url(collection.route(row, language: language, routes: site.routes)),
            summary: row.summaries[language], group: group,
            fieldMap: DynamicMap(zip(fields, views).map { ($0.name, $1.value) }),
            // An empty figure reads "no data" (or its column's own meaning); an empty note or
            // name is simply not there.
            facts: zip(fields, views).filter { field, view in
                !hidden.contains(field.name) && (!view.missing || field.isNumeric || field.missing != nil)
            }.map(\.1),
            sources: sources)
    }

    /// One cell as a reader sees it, with what a template may need besides.
    func fieldView(_ table: DataTable, _ row: DataTable.Row, _ field: FieldSchema, display: DataDisplay) -> FieldView {
        let cell = display.cell(table, row, field.name, withUnit: true)
        let raw = display.text(table, row, field.name)
        var number: Double?, words: String?
        if field.isNumeric, case .success(let q?) = table.quantity(row, field.name) {
            number = q.value
            if !q.isExact {
                words = display.words(q, decimals: NumberFormat.decimals(of: q.value))
                    + (display.unit(table, field.name).map { "\u{00A0}" + $0 } ?? "")
            }
        }
        return FieldView(
            name: field.name, title: display.title(table, field.name), text: cell.text, raw: raw, number: number,
            unit: display.unit(table, field.name), year: field.year.flatMap { table.value(row, $0) },
            items: raw.map { display.items($0, field: field) } ?? [], missing: cell.isMissing,
            qualified: cell.qualifier != nil, words: words, numeric: field.isNumeric, lang: field.language,
            description: field.description.map(display.text),
            sources: citedSources(table, row, field, display: display))
    }

    /// The works of the dictionary's `sources` that the row cites by id in the field's source column.
    func citedSources(_ table: DataTable, _ row: DataTable.Row, _ field: FieldSchema, display: DataDisplay) -> [CitedSourceView] {
        guard let column = field.source, let cell = table.value(row, column), let works = table.schema?.sources else { return [] }
        return cell.split(separator: ";").compactMap { id in
            let id = id.trimmingCharacters(in: .whitespaces)
            return works.first { $0.id == id }.map {
                CitedSourceView(title: display.text($0.title), url: $0.path, note: $0.description.map(display.text))
            }
        }
    }

    /// Tables whose dictionary's foreign key names the collection's id column and that have rows
    /// for this id: each value column becomes one line chart of the other key column (the year).
    func series(_ collection: CollectionModel, id: String, language: String) -> [SeriesView] {
        let display = display(language)
        var found: [SeriesView] = []
        for path in site.tables.keys.sorted() {
            let table = site.tables[path]!
            guard let schema = table.schema,
                  let key = schema.foreignKeys.first(where: { $0.resource == collection.config.dataPath && $0.referenced == collection.idColumn }),
                  let x = schema.primaryKey.first(where: { $0 != key.field }), schema.primaryKey.count == 2,
                  table.rows.contains(where: { table.value($0, key.field) == id }) else { continue }
            for field in schema.fields where field.isNumeric && !schema.primaryKey.contains(field.name) {
                found.append(SeriesView(
                    data: path, key: key.field, x: x, y: field.name, title: display.title(table, field.name),
                    description: field.description.map(display.text)))
            }
        }
        return found
    }

    /// The collection's coordinates, when its dictionary has the map's coordinate columns as
    /// numbers, with the site's base map when `data/` holds exactly one.
    func map(_ collection: CollectionModel) -> MapView? {
        let lat = ChartSpec.defaultLatitude, lon = ChartSpec.defaultLongitude
        guard let schema = collection.schema, schema.field(lat)?.isNumeric == true, schema.field(lon)?.isNumeric == true else { return nil }
        let basemap = site.basemaps.count == 1 ? site.basemaps.keys.first : nil
        return MapView(data: collection.config.dataPath, key: collection.idColumn, lat: lat, lon: lon, basemap: basemap,
                       credit: basemap.flatMap { site.basemaps[$0]?.attribution })
    }
}
