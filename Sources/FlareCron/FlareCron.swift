/// Namespace of the `FlareCron` module (see ARCHITECTURE.md): Cloudflare's cron dialect
/// (``CronExpression``) and a scheduler that fires on an injected clock (``CronScheduler``).
public enum FlareCronModule {
    /// The module's name.
    public static let name = "FlareCron"
}
