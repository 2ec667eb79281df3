import DossierModel
import Foundation

/// Outlines from a GeoJSON file (a base map): polygons in degrees, with each feature's text
/// properties so a chart spec can pick features by name or code.
public struct GeoShapes: Sendable, Equatable {
    public struct Feature: Sendable, Equatable {
        /// Text (and number) properties, as text.
        public var properties: [String: String]
        /// Polygons; each is an outer ring followed by its holes; a ring is (lon, lat) pairs.
        public var polygons: [[[GeoPoint]]]

        public init(properties: [String: String], polygons: [[[GeoPoint]]]) {
            self.properties = properties
            self.polygons = polygons
        }

        /// Whether any property equals one of `values` (a name or a code such as `CHN`).
        public func matches(_ values: Set<String>) -> Bool { properties.values.contains { values.contains($0) } }
    }

    public var path: String
    public var features: [Feature]
    /// Who made the outlines: the file's top-level `"attribution"` (a GeoJSON foreign member),
    /// credited under maps that do not name their own.
    public var attribution: String?

    public init(path: String, features: [Feature], attribution: String? = nil) {
        self.path = path
        self.features = features
        self.attribution = attribution
    }

    /// Reads a GeoJSON FeatureCollection (or a single Feature) of Polygons and MultiPolygons.
    /// Other geometries (points, lines) are skipped; they carry no outline.
    public static func parse(_ data: Data, path: String) -> (GeoShapes?, [Diagnostic]) {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return (nil, [.error(path, "invalid GeoJSON: \(detail ?? "not valid JSON")")])
        }
        guard let root = json as? [String: Any], let type = root["type"] as? String else {
            return (nil, [.error(path, "invalid GeoJSON: expected an object with a 'type'")])
        }
        let rawFeatures: [Any]
        switch type {
        case "FeatureCollection": rawFeatures = root["features"] as? [Any] ?? []
        case "Feature": rawFeatures = [root]
        default: return (nil, [.error(path, "invalid GeoJSON: expected a FeatureCollection or a Feature, found '\(type)'")])
        }
        var features: [Feature] = []
        var diagnostics: [Diagnostic] = []
        for (index, raw) in rawFeatures.enumerated() {
            guard let feature = raw as? [String: Any] else { continue }
            var properties: [String: String] = [:]
            for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
                if let text = value as? String { properties[key] = text } else if let n = value as? NSNumber { properties[key] = n.stringValue }
            }
            guard let geometry = feature["geometry"] as? [String: Any], let kind = geometry["type"] as? String else { continue }
            let coordinates = geometry["coordinates"]
            var polygons: [[[GeoPoint]]]?
            switch kind {
            case "Polygon": polygons = (coordinates as? [Any]).flatMap(polygon).map { [$0] }
            case "MultiPolygon": polygons = (coordinates as? [Any]).flatMap { list in
                let parts = list.map { ($0 as? [Any]).flatMap(polygon) }
                return parts.contains { $0 == nil } ? nil : parts.map { $0! }
            }
            default: continue
            }
            guard let polygons else {
                diagnostics.append(.error(path, "invalid GeoJSON: feature \(index + 1) has malformed \(kind) coordinates"))
                continue
            }
            features.append(Feature(properties: properties, polygons: polygons))
        }
        return (diagnostics.isEmpty ? GeoShapes(path: path, features: features, attribution: root["attribution"] as? String) : nil, diagnostics)
    }

    private static func polygon(_ rings: [Any]) -> [[GeoPoint]]? {
        var result: [[GeoPoint]] = []
        for ring in rings {
            guard let positions = ring as? [Any] else { return nil }
            var points: [GeoPoint] = []
            for position in positions {
                guard let pair = position as? [Any], pair.count >= 2,
                      let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue,
                      lon.isFinite, lat.isFinite, abs(lat) <= 90 else { return nil }
                points.append(GeoPoint(lon: lon, lat: lat))
            }
            result.append(points)
        }
        return result
    }
}

public struct GeoPoint: Sendable, Hashable {
    public var lon: Double
    public var lat: Double
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }
}
