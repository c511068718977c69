/// wrangler's config keys by how `[env.NAME]` treats them (`workers-utils/src/config/environment.ts`).
enum ConfigKeys {
    /// Keys an environment inherits from the top level when it does not set them.
    static let inheritable: Set<String> = [
        "name", "account_id", "compatibility_date", "compatibility_flags", "main", "workers_dev", "preview_urls",
        "routes", "route", "triggers", "limits", "observability", "rules", "build", "no_bundle", "minify",
        "keep_names", "jsx_factory", "jsx_fragment", "tsconfig", "migrations", "exports", "placement", "assets",
        "logpush", "upload_source_maps", "first_party_worker", "logfwdr", "access", "cache", "compliance_region",
        "python_modules", "previews", "find_additional_modules", "preserve_file_names", "base_dir", "usage_model",
        "zone_id", "streaming_tail_consumers",
    ]

    /// Keys an environment must repeat (they default to empty there).
    static let nonInheritable: Set<String> = [
        "vars", "define", "secrets", "durable_objects", "workflows", "kv_namespaces", "send_email", "queues",
        "r2_buckets", "d1_databases", "services", "hyperdrive", "vectorize", "analytics_engine_datasets", "ai",
        "browser", "images", "unsafe", "tail_consumers", "ratelimits", "version_metadata", "dispatch_namespaces",
        "mtls_certificates", "pipelines", "secrets_store_secrets", "containers", "cloudchamber", "unsafe_hello_world",
        "media", "vpc_services", "worker_loaders",
    ]

    /// Keys allowed only at the top level.
    static let topLevelOnly: Set<String> = [
        "$schema", "env", "dev", "site", "alias", "keep_vars", "send_metrics", "wasm_modules", "text_blobs",
        "data_blobs", "legacy_env", "node_compat", "pages_build_output_dir", "configPath", "userConfigPath",
        "topLevelName", "definedEnvironments", "targetEnvironment",
    ]

    /// Every key allowed at the top level.
    static let topLevel = inheritable.union(nonInheritable).union(topLevelOnly)
    /// Every key allowed in `[env.NAME]`.
    static let environment = inheritable.union(nonInheritable)

    /// Binding kinds the emulator does not provide, with wrangler's friendly names.
    static let unsupportedBindings: [(key: String, friendlyName: String)] = [
        ("kv_namespaces", "KV Namespace"), ("durable_objects", "Durable Object"), ("services", "Service Binding"),
        ("ai", "AI"), ("vectorize", "Vectorize Index"), ("hyperdrive", "Hyperdrive Config"),
        ("analytics_engine_datasets", "Analytics Engine Dataset"), ("browser", "Browser"), ("images", "Images"),
        ("workflows", "Workflow"), ("send_email", "Send Email"), ("dispatch_namespaces", "Dispatch Namespace"),
        ("mtls_certificates", "mTLS Certificate"), ("pipelines", "Pipeline"),
        ("secrets_store_secrets", "Secrets Store Secret"), ("ratelimits", "Rate Limit"),
        ("version_metadata", "Worker Version Metadata"), ("tail_consumers", "Tail Consumer"),
        ("containers", "Container"), ("unsafe", "Unsafe"), ("media", "Media"), ("vpc_services", "VPC Service"),
        ("worker_loaders", "Worker Loader"), ("wasm_modules", "Wasm Module"), ("text_blobs", "Text Blob"),
        ("data_blobs", "Data Blob"),
    ]
}
