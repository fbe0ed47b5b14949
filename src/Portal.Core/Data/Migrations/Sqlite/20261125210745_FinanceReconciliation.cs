using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FinanceReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JournalLines_AccountId_JournalEntryId",
                table: "JournalLines");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_FundId",
                table: "JournalEntries");

            migrationBuilder.AddColumn<long>(
                name: "AmountRefundedMinor",
                table: "Charges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "BalanceTransactionId",
                table: "Charges",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ExchangeRate",
                table: "Charges",
                type: "TEXT",
                precision: 24,
                scale: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayChargeId",
                table: "Charges",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SettledAmountMinor",
                table: "Charges",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SettledCurrency",
                table: "Charges",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SettledFeeMinor",
                table: "Charges",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BankStatements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AccountIdentifier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankStatements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClosedPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosedPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Disputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Gateway = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GatewayDisputeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    FeeMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EvidenceDueBy = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsBankReturn = table.Column<bool>(type: "INTEGER", nullable: false),
                    FundsWithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FundsReinstatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Disputes_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DriftRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Checked = table.Column<int>(type: "INTEGER", nullable: false),
                    Repaired = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Gateway = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GatewayPayoutId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ArrivalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    GatewayCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MatchedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenExceptionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    BankLineId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payouts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RefundRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefundRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefundRequests_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RefundRequests_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Refunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    GatewayReason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    GatewayRefundId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RefundRequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SucceededAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Refunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Refunds_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DriftChange",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DriftRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftChange", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DriftChange_DriftRuns_DriftRunId",
                        column: x => x.DriftRunId,
                        principalTable: "DriftRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BankLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BankStatementId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BookedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Counterparty = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PayoutId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankLines_BankStatements_BankStatementId",
                        column: x => x.BankStatementId,
                        principalTable: "BankStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BankLines_Payouts_PayoutId",
                        column: x => x.PayoutId,
                        principalTable: "Payouts",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "PayoutLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayoutId = table.Column<long>(type: "INTEGER", nullable: false),
                    BalanceTransactionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReportingCategory = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    NetMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ExchangeRate = table.Column<decimal>(type: "TEXT", precision: 24, scale: 12, nullable: true),
                    GatewayCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Match = table.Column<int>(type: "INTEGER", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RefundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisputeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DifferenceMinor = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayoutLines_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_PayoutLines_Payouts_PayoutId",
                        column: x => x.PayoutId,
                        principalTable: "Payouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationExceptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    PayoutId = table.Column<long>(type: "INTEGER", nullable: true),
                    PayoutLineId = table.Column<long>(type: "INTEGER", nullable: true),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BankLineId = table.Column<long>(type: "INTEGER", nullable: true),
                    FundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationExceptions_PayoutLines_PayoutLineId",
                        column: x => x.PayoutLineId,
                        principalTable: "PayoutLines",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_JournalLines_AccountId_JournalEntryId_AmountMinor",
                table: "JournalLines",
                columns: new[] { "AccountId", "JournalEntryId", "AmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_FundId_Date",
                table: "JournalEntries",
                columns: new[] { "FundId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_GatewayChargeId",
                table: "Charges",
                column: "GatewayChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_Status_SucceededAt",
                table: "Charges",
                columns: new[] { "Status", "SucceededAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_BankStatementId",
                table: "BankLines",
                column: "BankStatementId");

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_LineKey",
                table: "BankLines",
                column: "LineKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_PayoutId",
                table: "BankLines",
                column: "PayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_Status_BookedOn",
                table: "BankLines",
                columns: new[] { "Status", "BookedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_BankStatements_ContentHash",
                table: "BankStatements",
                column: "ContentHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClosedPeriods_Month",
                table: "ClosedPeriods",
                column: "Month",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_ChargeId",
                table: "Disputes",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Gateway_GatewayDisputeId",
                table: "Disputes",
                columns: new[] { "Gateway", "GatewayDisputeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DriftChange_DriftRunId",
                table: "DriftChange",
                column: "DriftRunId");

            migrationBuilder.CreateIndex(
                name: "IX_DriftRuns_StartedAt",
                table: "DriftRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutLines_BalanceTransactionId",
                table: "PayoutLines",
                column: "BalanceTransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PayoutLines_ChargeId",
                table: "PayoutLines",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutLines_PayoutId_Id",
                table: "PayoutLines",
                columns: new[] { "PayoutId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_ArrivalDate",
                table: "Payouts",
                column: "ArrivalDate");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_Gateway_GatewayPayoutId",
                table: "Payouts",
                columns: new[] { "Gateway", "GatewayPayoutId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationExceptions_Key",
                table: "ReconciliationExceptions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationExceptions_PayoutId",
                table: "ReconciliationExceptions",
                column: "PayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationExceptions_PayoutLineId",
                table: "ReconciliationExceptions",
                column: "PayoutLineId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationExceptions_Status_CreatedAt",
                table: "ReconciliationExceptions",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_ChargeId",
                table: "RefundRequests",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_DonorId",
                table: "RefundRequests",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_Status_CreatedAt",
                table: "RefundRequests",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_ChargeId_CreatedAt",
                table: "Refunds",
                columns: new[] { "ChargeId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_GatewayRefundId",
                table: "Refunds",
                column: "GatewayRefundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_Status_CreatedAt",
                table: "Refunds",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankLines");

            migrationBuilder.DropTable(
                name: "ClosedPeriods");

            migrationBuilder.DropTable(
                name: "Disputes");

            migrationBuilder.DropTable(
                name: "DriftChange");

            migrationBuilder.DropTable(
                name: "ReconciliationExceptions");

            migrationBuilder.DropTable(
                name: "RefundRequests");

            migrationBuilder.DropTable(
                name: "Refunds");

            migrationBuilder.DropTable(
                name: "BankStatements");

            migrationBuilder.DropTable(
                name: "DriftRuns");

            migrationBuilder.DropTable(
                name: "PayoutLines");

            migrationBuilder.DropTable(
                name: "Payouts");

            migrationBuilder.DropIndex(
                name: "IX_JournalLines_AccountId_JournalEntryId_AmountMinor",
                table: "JournalLines");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_FundId_Date",
                table: "JournalEntries");

            migrationBuilder.DropIndex(
                name: "IX_Charges_GatewayChargeId",
                table: "Charges");

            migrationBuilder.DropIndex(
                name: "IX_Charges_Status_SucceededAt",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "AmountRefundedMinor",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "BalanceTransactionId",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "ExchangeRate",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "GatewayChargeId",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "SettledAmountMinor",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "SettledCurrency",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "SettledFeeMinor",
                table: "Charges");

            migrationBuilder.CreateIndex(
                name: "IX_JournalLines_AccountId_JournalEntryId",
                table: "JournalLines",
                columns: new[] { "AccountId", "JournalEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_FundId",
                table: "JournalEntries",
                column: "FundId");
        }
    }
}
