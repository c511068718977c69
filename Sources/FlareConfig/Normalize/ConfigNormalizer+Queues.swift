/// `[queues]`: `[[queues.producers]]` and `[[queues.consumers]]`, with wrangler's type checks and
/// Miniflare's range bounds (`QueueConsumerConfig.*Range`).
extension ConfigNormalizer {
    static let producerFields = ["binding", "queue", "delivery_delay", "remote"]
    static let consumerFields = [
        "queue", "type", "max_batch_size", "max_batch_timeout", "max_retries", "dead_letter_queue", "max_concurrency",
        "visibility_timeout_ms", "retry_delay",
    ]

    /// Validates `[queues]` into the producers and consumers of `config`.
    mutating func normalizeQueues(_ value: ConfigValue, into config: inout WorkerConfig) {
        guard let queues = table(value, field: "queues") else { return }
        checkFields(queues, allowed: ["producers", "consumers"], field: "queues")
        if let producers = queues["producers"], let items = array(producers, field: "queues.producers") {
            config.queueProducers = items.enumerated().compactMap { normalizeProducer($0.element, index: $0.offset) }
        }
        if let consumers = queues["consumers"], let items = array(consumers, field: "queues.consumers") {
            config.queueConsumers = items.enumerated().compactMap { normalizeConsumer($0.element, index: $0.offset) }
        }
    }

    private mutating func normalizeProducer(_ value: ConfigValue, index: Int) -> QueueProducerConfig? {
        let field = "queues.producers[\(index)]"
        guard let entry = value.tableValue, let binding = entry["binding"]?.stringValue else {
            error(
                path(field + ".binding"),
                "\"\(field)\" bindings should have a string \"binding\" field but got \(value.jsonText).")
            return nil
        }
        checkFields(entry, allowed: Self.producerFields, field: field)
        var queue = binding
        if let item = entry["queue"] {
            if let name = item.stringValue, !name.isEmpty {
                queue = name
            } else {
                error(
                    path(field + ".queue"),
                    "\"\(field)\" bindings should optionally have a non-empty string \"queue\" field but got "
                        + "\(value.jsonText).")
            }
        }
        var deliveryDelay: Int?
        if let item = entry["delivery_delay"] {
            deliveryDelay = optionalInteger(item, field: field + ".delivery_delay")
            warning(
                path(field + ".delivery_delay"),
                "The \"delivery_delay\" field in \"\(field)\" is deprecated and has no effect. Queue-level settings "
                    + "should be configured using \"wrangler queues update\" instead. This setting will be removed in "
                    + "a future version.")
        }
        _ = optionalBool(entry["remote"], field: field + ".remote")
        return QueueProducerConfig(binding: binding, queue: queue, deliveryDelay: deliveryDelay)
    }

    private mutating func normalizeConsumer(_ value: ConfigValue, index: Int) -> QueueConsumerConfig? {
        let field = "queues.consumers[\(index)]"
        guard let entry = value.tableValue, let queue = entry["queue"]?.stringValue else {
            error(
                path(field + ".queue"), "\"\(field)\" should have a string \"queue\" field but got \(value.jsonText).")
            return nil
        }
        checkFields(entry, allowed: Self.consumerFields, field: field)
        if let type = entry["type"], type.stringValue != "worker" {
            let shown = type.stringValue ?? type.jsonText
            error(
                path(field + ".type"),
                "\"\(field).type\" has an invalid value \"\(shown)\". Only \"worker\" consumers can be configured in "
                    + "your Wrangler configuration.")
        }
        var consumer = QueueConsumerConfig(queue: queue)
        let reader = ConsumerFieldReader(field: field, entry: entry, whole: value)
        if let size = reader.integer("max_batch_size", in: QueueConsumerConfig.maxBatchSizeRange, &self) {
            consumer.maxBatchSize = size
        }
        if let timeout = reader.number("max_batch_timeout", in: QueueConsumerConfig.maxBatchTimeoutRange, &self) {
            consumer.maxBatchTimeout = timeout
        }
        if let retries = reader.integer("max_retries", in: QueueConsumerConfig.maxRetriesRange, &self) {
            consumer.maxRetries = retries
        }
        if let delay = reader.integer("retry_delay", in: QueueConsumerConfig.retryDelayRange, &self) {
            consumer.retryDelay = delay
        }
        consumer.maxConcurrency = reader.integer("max_concurrency", in: QueueConsumerConfig.maxConcurrencyRange, &self)
        consumer.visibilityTimeoutMs = reader.integer("visibility_timeout_ms", in: 0...43_200_000, &self)
        consumer.deadLetterQueue = reader.string("dead_letter_queue", &self)
        if consumer.deadLetterQueue == queue {
            error(path(field + ".dead_letter_queue"), "Dead letter queue for queue \"\(queue)\" cannot be itself")
        }
        return consumer
    }
}
