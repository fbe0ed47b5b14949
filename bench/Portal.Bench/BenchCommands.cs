namespace Portal.Bench;

/// <summary>
/// The bench's commands: <c>charges</c>, <c>reconcile</c>, <c>statement</c>, <c>export</c>, <c>pages</c>, <c>send</c>,
/// <c>nodes</c>, <c>donors</c>, <c>appeal</c>, and the hidden ones its child processes run (<c>serve-fake-stripe</c>, the SMTP sink).
/// </summary>
public static class BenchCommands
{
    public const string Usage = """
        usage: Portal.Bench charges [--sponsorships N] [--latency-ms L] [--rate R] [--concurrency C] [--batch-size B]
          Seeds N monthly sponsorships due today, runs the portal's charge run against the fake Stripe (in a child
          process) and ends with one line: result: sponsorships=N seconds=S rate_per_s=R peak_mb=M ...
               Portal.Bench reconcile --lines N
          Charges N gifts at the fake Stripe, pays them out in one payout and times importing and reconciling it:
          result: lines=N seconds=S rate_per_s=R peak_mb=M matched=N exceptions=0 ...
               Portal.Bench statement [--ledger-lines N]
          Seeds one fund's gifts until the journal has N lines (1,000,000), times that fund's statement for the last
          twelve months: result: seconds=S peak_mb=M lines=N ...
               Portal.Bench export [--ledger-lines N]
          Seeds the same, streams the whole journal export to a CSV file and an XLSX file: result: seconds=S peak_mb=M lines=N ...
               Portal.Bench pages [--ledger-lines N] [--donors D] [--postgres] [--seconds S] [--connections C]
          Runs the portal on Kestrel over a seeded ledger of N lines (1,000,000) from D donors (10,000), loads a static
          file and the public pages with C connections (64) for S seconds each (10), then times the signed-in pages:
          result: static_rps=R home_rps=R home_p99_ms=P home_ratio_to_static=X ... finance_max_ms=M ... peak_mb=M
               Portal.Bench send --recipients N [--connections C]
          Seeds N consenting sponsors of one fund and sends them one impact update through an SMTP sink in a child
          process: result: recipients=N seconds=S rate_per_s=R peak_mb=M duplicates=D ...
               Portal.Bench nodes [--web W] [--workers K] [--donors N] [--latency-ms L] [--gift-seconds S] [--connections C]
          Runs W web nodes (2) and K workers (2) as processes on PostgreSQL; charges N (20,000) new due sponsorships with
          one worker and then with K, with the fake Stripe answering in L ms (200) and then at once; then starts gifts
          for S s (10) with C connections (16) through one web node and through W: result: latency_1w_rate_per_s=R
          latency_2w_rate_per_s=R scale_ratio=X cpu_1w_rate_per_s=R ... gifts_1web_per_s=G ... double_charges=0 missed=0 ...
               Portal.Bench donors [--donors N] [--postgres] [--requests R]
          Seeds N donors (1,000,000), one with 200 gifts, runs the portal on Kestrel and, signed in as donor care, times R
          requests (200) one at a time of each: the search by an e-mail address, by a last-name prefix, by a payment
          reference, the 200-gift donor's page and a static file: result: donors=N search_email_p50_ms=P
          search_email_p99_ms=P ... donor_page_p99_ms=P static_p99_ms=P peak_mb=M errors=0 provider=sqlite seed_seconds=S
               Portal.Bench appeal [--donors N] [--warm-up W] [--postgres] [--allocations] [--floor]
          Runs the portal on Kestrel with its event appliers and the Stripe gateway against the fake Stripe (a child
          process); 64 connections start N gifts (20,000; W before them untimed, N/2 up to 10,000 unless set) through
          the sponsor form beside a static file, the fake then completes every checkout and delivers its events at once
          on 32 connections, and the bench waits until all are applied: result: gifts_started_per_s=R gifts_p99_ms=P
          events_acknowledged_per_s=R events_ack_p99_ms=P events_applied_per_s=R receipt_lag_p50_ms=L receipt_lag_p99_ms=L
          peak_mb=M gifts_lost=0 gifts_doubled=0 events_applied_twice=0 ... sql_per_gift=C sql_per_event_applied=C ...
          targets_met=B ok=true
          With --floor, the same loads without the portal: a server that only creates each checkout through the portal's
          gateway and only verifies each delivery, storing nothing: the most this machine allows, and the CPU it leaves:
          result: floor=true gifts_started_per_s=R ... events_acknowledged_per_s=R ... left_cpu_ms_per_gift_at_500=T ok=true
        """;

    /// <returns>The process exit code: 0 when the run charged every period exactly once and the ledger balances.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progress, CancellationToken cancellationToken = default)
    {
        switch (args.FirstOrDefault())
        {
            case "charges":
                if (!ChargesSettings.TryParse(args[1..], out var settings, out var problem))
                {
                    await progress.WriteLineAsync(problem + Environment.NewLine + Usage);
                    return 2;
                }

                var result = await ChargesBenchmark.RunAsync(settings, progress, cancellationToken);
                await output.WriteLineAsync(result.ToLine());
                return result.IsClean ? 0 : 1;
            case "reconcile":
                if (args is not [_, "--lines", var text] || !int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var lines)
                    || lines is < 1 or > 1_000_000)
                {
                    await progress.WriteLineAsync("reconcile needs --lines N (1 to 1,000,000)" + Environment.NewLine + Usage);
                    return 2;
                }

                var reconciled = await ReconcileBenchmark.RunAsync(lines, progress, cancellationToken);
                await output.WriteLineAsync(reconciled.ToLine());
                return reconciled.IsClean ? 0 : 1;
            case "statement" or "export":
                if (!LedgerSettings.TryParse(args[1..], out var ledger, out var ledgerProblem))
                {
                    await progress.WriteLineAsync(ledgerProblem + Environment.NewLine + Usage);
                    return 2;
                }

                var figures = args[0] == "statement"
                    ? await StatementBenchmark.RunAsync(ledger, progress, cancellationToken)
                    : await ExportBenchmark.RunAsync(ledger, progress, cancellationToken);
                await output.WriteLineAsync(figures.ToLine());
                return figures.IsClean ? 0 : 1;
            case "pages":
                if (!PagesSettings.TryParse(args[1..], out var pages, out var pagesProblem))
                {
                    await progress.WriteLineAsync(pagesProblem + Environment.NewLine + Usage);
                    return 2;
                }

                var served = await PagesBenchmark.RunAsync(pages, progress, cancellationToken);
                await output.WriteLineAsync(served.ToLine());
                return served.IsClean ? 0 : 1;
            case "send":
                if (!TryParseSend(args[1..], out var recipients, out var connections))
                {
                    await progress.WriteLineAsync(
                        "send needs --recipients N (1 to 1,000,000) and takes --connections C (1 to 32)" + Environment.NewLine + Usage);
                    return 2;
                }

                var sent = await SendBenchmark.RunAsync(recipients, connections, progress, cancellationToken);
                await output.WriteLineAsync(sent.ToLine());
                return sent.IsClean ? 0 : 1;
            case "nodes":
                if (!NodesSettings.TryParse(args[1..], out var nodes, out var nodesProblem))
                {
                    await progress.WriteLineAsync(nodesProblem + Environment.NewLine + Usage);
                    return 2;
                }

                if (Portal.Testing.PostgresServer.ConnectionString is null)
                {
                    await progress.WriteLineAsync($"nodes runs on PostgreSQL, and there is none: {Portal.Testing.PostgresServer.Problem}");
                    return 2;
                }

                var clustered = await NodesBenchmark.RunAsync(nodes, progress, cancellationToken);
                await output.WriteLineAsync(clustered.ToLine());
                return clustered.IsClean ? 0 : 1;
            case "donors":
                if (!DonorsSettings.TryParse(args[1..], out var donors, out var donorsProblem))
                {
                    await progress.WriteLineAsync(donorsProblem + Environment.NewLine + Usage);
                    return 2;
                }

                if (donors.PostgreSql && Portal.Testing.PostgresServer.ConnectionString is null)
                {
                    await progress.WriteLineAsync($"--postgres needs PostgreSQL, and there is none: {Portal.Testing.PostgresServer.Problem}");
                    return 2;
                }

                var found = await DonorsBenchmark.RunAsync(donors, progress, cancellationToken);
                await output.WriteLineAsync(found.ToLine());
                return found.IsClean ? 0 : 1;
            case "appeal":
                if (!AppealSettings.TryParse(args[1..], out var appeal, out var appealProblem))
                {
                    await progress.WriteLineAsync(appealProblem + Environment.NewLine + Usage);
                    return 2;
                }

                if (appeal.PostgreSql && Portal.Testing.PostgresServer.ConnectionString is null)
                {
                    await progress.WriteLineAsync($"--postgres needs PostgreSQL, and there is none: {Portal.Testing.PostgresServer.Problem}");
                    return 2;
                }

                var peak = await AppealBenchmark.RunAsync(appeal, progress, cancellationToken);
                await output.WriteLineAsync(peak.ToLine());
                return peak.IsClean ? 0 : 1;
            case SmtpSinkHost.Command:
                await SmtpSinkHost.RunAsync(output, cancellationToken);
                return 0;
            case FakeStripeHost.Command:
                await FakeStripeHost.RunAsync(args[1..], output, cancellationToken);
                return 0;
            default:
                await progress.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static bool TryParseSend(string[] args, out int recipients, out int connections)
    {
        recipients = 0;
        connections = 4;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var ok = args[i] switch
            {
                "--recipients" => int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out recipients),
                "--connections" => int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out connections),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return args.Length % 2 == 0 && recipients is >= 1 and <= 1_000_000 && connections is >= 1 and <= 32;
    }
}
