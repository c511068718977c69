/// The whole offline output for a healthy deployment, as the script's layout prints it;
/// `{ROOT}` is the persist root and `{ROWS}` the row count.
enum HealthyTranscript {
    static let text = """
        🔍 Post-Deployment Verification
        ========================================
        Working directory: /work/project
        Date: Wed Jan  1 01:00:00 UTC 2025

        Checking environment variables...
        ℹ️  INFO: CLOUDFLARE_API_TOKEN not needed locally (E1): nothing is sent to Cloudflare
        ℹ️  INFO: CLOUDFLARE_ACCOUNT_ID not needed locally (E2): the emulated deployment has no account
        ℹ️  INFO: Verifying the emulated deployment: persist root {ROOT}, 3 configs

        Test 1: Verifying queues exist...
        ℹ️  INFO: Reading: queue broker {ROOT}/v3/queues/broker.sqlite
        Queue list result: historical-data-dlq, historical-data-queue
        ✅ PASS: historical-data-queue exists
        ✅ PASS: historical-data-dlq (dead letter queue) exists


        Test 2: Verifying queue consumer...
        ℹ️  INFO: Reading: the consumer of historical-data-queue in the broker and [[queues.consumers]] of \
        historical-data-queue-consumer
        Consumer info result: worker=historical-data-queue-consumer max_batch_size=100 max_concurrency=5 \
        max_retries=3 dead_letter_queue=historical-data-dlq
        ✅ PASS: Consumer attached to queue
        ✅ PASS: Consumer batch size: 100
        ✅ PASS: Consumer concurrency: 5

        Test 3: Verifying D1 database...
        ℹ️  INFO: Database: pyswarm-cccagg (b37495a5-d7dc-4104-afab-4a9805eb5461), bound as DB by \
        historical-data-queue-consumer: the one it writes to
        ℹ️  INFO: The original script checked ac4629b2-8240-4378-b3e3-e5262cd9b285 (coinswarm-evolution), \
        which no worker binds (§8.10)
        ✅ PASS: D1 database accessible
        ✅ PASS: price_data table exists
        ℹ️  INFO: Current row count: {ROWS}

        Test 4: Verifying worker deployments...
        ✅ PASS: Queue consumer deployed
        ✅ PASS: Queue producer deployed
        ✅ PASS: Python historical worker deployed

        Test 5: Checking initial queue depth...
        ✅ PASS: Queue is empty (consumer is keeping up)

        Test 6: Verifying cron trigger...
        ℹ️  INFO: Triggers of historical-data-queue-producer: */30 * * * *
        ✅ PASS: Producer has 30-minute cron trigger

        Test 7: Verifying consumer configuration...
        ℹ️  INFO: Probe: a price point through historical-data-queue-consumer in a scratch copy of the state
        ✅ PASS: Consumer writes to price_data table (correct!)
        ✅ PASS: Consumer uses INSERT OR IGNORE (protects existing data)

        Test 8: Verifying Python worker configuration...
        ✅ PASS: Python worker uses queue
        ✅ PASS: Python worker has queue binding
        ✅ PASS: Python worker uses batch sending
        ℹ️  INFO: 250 candles went out in 3 messages

        ========================================
        📊 Verification Summary
        ========================================

        ✅ Passed: 17
        ⚠️  Warnings: 0
        ❌ Failed: 0

        ✅ DEPLOYMENT VERIFIED SUCCESSFULLY!
           All checks passed. System is ready for use.

        🎯 Next steps:
           1. Monitor queue: swiftflare queues info historical-data-queue
           2. Watch consumer logs: swiftflare tail
           3. Trigger Python worker: curl -X POST http://localhost:8787/trigger

        """
}
