using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LedgerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_Date",
                table: "JournalEntries");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_FundId_Date",
                table: "JournalEntries");

            migrationBuilder.AddColumn<DateOnly>(
                name: "GiftDate",
                table: "Charges",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountDayTotals",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    PostedMinor = table.Column<long>(type: "bigint", nullable: false),
                    ReversedMinor = table.Column<long>(type: "bigint", nullable: false),
                    LineCount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountDayTotals", x => new { x.AccountId, x.Date });
                    table.ForeignKey(
                        name: "FK_AccountDayTotals_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccountTotals",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    ReversedMinor = table.Column<long>(type: "bigint", nullable: false),
                    LineCount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountTotals", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_AccountTotals_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundSponsorCounts",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Sponsors = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundSponsorCounts", x => x.FundId);
                    table.ForeignKey(
                        name: "FK_FundSponsorCounts_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GiftDayTotals",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    SettledCurrency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Gifts = table.Column<long>(type: "bigint", nullable: false),
                    GrossMinor = table.Column<long>(type: "bigint", nullable: false),
                    SettledMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GiftDayTotals", x => new { x.FundId, x.Currency, x.Date, x.SettledCurrency });
                    table.ForeignKey(
                        name: "FK_GiftDayTotals_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GiftDonorDays",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    PreviousDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Gifts = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GiftDonorDays", x => new { x.FundId, x.Currency, x.Date, x.PreviousDate });
                    table.ForeignKey(
                        name: "FK_GiftDonorDays_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerTotalsStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CheckResult = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerTotalsStates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_Date_Id",
                table: "JournalEntries",
                columns: new[] { "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_FundId_Date_Id",
                table: "JournalEntries",
                columns: new[] { "FundId", "Date", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountDayTotals");

            migrationBuilder.DropTable(
                name: "AccountTotals");

            migrationBuilder.DropTable(
                name: "FundSponsorCounts");

            migrationBuilder.DropTable(
                name: "GiftDayTotals");

            migrationBuilder.DropTable(
                name: "GiftDonorDays");

            migrationBuilder.DropTable(
                name: "LedgerTotalsStates");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_Date_Id",
                table: "JournalEntries");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_FundId_Date_Id",
                table: "JournalEntries");

            migrationBuilder.DropColumn(
                name: "GiftDate",
                table: "Charges");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_Date",
                table: "JournalEntries",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_FundId_Date",
                table: "JournalEntries",
                columns: new[] { "FundId", "Date" });
        }
    }
}
