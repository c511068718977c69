import FlareWorkerAPI

/// One page of `GET /sites/{site}/timeseries/paginated` (§5).
struct ACEPage: Decodable, Sendable {
    /// One sample: every field is a string in ACE's swagger.
    struct PointSample: Decodable, Sendable {
        var name: String
        var value: String
        var time: String

        enum CodingKeys: String, CodingKey { case name, value, time }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            time = try container.decode(String.self, forKey: .time)
            // Be lenient with numeric values, though ACE sends strings.
            if let text = try? container.decode(String.self, forKey: .value) {
                value = text
            } else if let number = try? container.decode(Double.self, forKey: .value) {
                value = String(number)
            } else {
                value = ""
            }
        }
    }

    var pointSamples: [PointSample]
    var nextCursor: String?
    var hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case pointSamples = "point_samples"
        case nextCursor = "next_cursor"
        case hasMore = "has_more"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pointSamples = try container.decodeIfPresent([PointSample].self, forKey: .pointSamples) ?? []
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        hasMore = try container.decodeIfPresent(Bool.self, forKey: .hasMore) ?? false
    }

    /// Whether another page should be fetched: `has_more` and a non-empty cursor.
    var continues: Bool { hasMore && !(nextCursor ?? "").isEmpty }
}
