using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "BalanceTransactionId",
                table: "Charges",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ExchangeRate",
                table: "Charges",
                type: "decimal(24,12)",
                precision: 24,
                scale: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayChargeId",
                table: "Charges",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SettledAmountMinor",
                table: "Charges",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SettledCurrency",
                table: "Charges",
                type: "nvarchar(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SettledFeeMinor",
                table: "Charges",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BankStatements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Format = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AccountIdentifier = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    LineCount = table.Column<int>(type: "int", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankStatements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClosedPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosedPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Disputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChargeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Gateway = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    GatewayDisputeId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    FeeMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeeCurrency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    EvidenceDueBy = table.Column<DateTime>(type: "datetime2", nullable: true),
                    IsBankReturn = table.Column<bool>(type: "bit", nullable: false),
                    FundsWithdrawnAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FundsReinstatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Days = table.Column<int>(type: "int", nullable: false),
                    Checked = table.Column<int>(type: "int", nullable: false),
                    Repaired = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Payouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Gateway = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    GatewayPayoutId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    ArrivalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    FailureCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    GatewayCreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LineCount = table.Column<int>(type: "int", nullable: false),
                    MatchedCount = table.Column<int>(type: "int", nullable: false),
                    OpenExceptionCount = table.Column<int>(type: "int", nullable: false),
                    BankLineId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payouts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RefundRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DonorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChargeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RefundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChargeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    GatewayReason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    GatewayRefundId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    FailureReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RequestedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RefundRequestId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SucceededAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DriftRunId = table.Column<long>(type: "bigint", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Change = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BankStatementId = table.Column<long>(type: "bigint", nullable: false),
                    LineKey = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    BookedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Counterparty = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    PayoutId = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PayoutId = table.Column<long>(type: "bigint", nullable: false),
                    BalanceTransactionId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ReportingCategory = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    SourceId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeeMinor = table.Column<long>(type: "bigint", nullable: false),
                    NetMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    ExchangeRate = table.Column<decimal>(type: "decimal(24,12)", precision: 24, scale: 12, nullable: true),
                    GatewayCreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Match = table.Column<int>(type: "int", nullable: false),
                    ChargeId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RefundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DisputeId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DifferenceMinor = table.Column<long>(type: "bigint", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    PayoutId = table.Column<long>(type: "bigint", nullable: true),
                    PayoutLineId = table.Column<long>(type: "bigint", nullable: true),
                    ChargeId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BankLineId = table.Column<long>(type: "bigint", nullable: true),
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Resolution = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                unique: true,
                filter: "[GatewayRefundId] IS NOT NULL");

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
