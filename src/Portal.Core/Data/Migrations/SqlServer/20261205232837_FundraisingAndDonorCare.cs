using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FundraisingAndDonorCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The totals are built again at the next start (LedgerTotals.EnsureBuiltAsync): that gives each running
            // sponsorship its start event and each donor the date of their last gift (decision 034).
            migrationBuilder.Sql("DELETE FROM [LedgerTotalsStates]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "IntervalFrom",
                table: "Sponsorships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Funds",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastGiftOn",
                table: "Donors",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundMoves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromFundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ToFundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Total = table.Column<int>(type: "int", nullable: false),
                    Moved = table.Column<int>(type: "int", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundMoves_Funds_FromFundId",
                        column: x => x.FromFundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundMoves_Funds_ToFundId",
                        column: x => x.ToFundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GiftMonthTotals",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Gifts = table.Column<long>(type: "bigint", nullable: false),
                    GrossMinor = table.Column<long>(type: "bigint", nullable: false),
                    Donors = table.Column<long>(type: "bigint", nullable: false),
                    FirstTime = table.Column<long>(type: "bigint", nullable: false),
                    YearDonors = table.Column<long>(type: "bigint", nullable: false),
                    Retained = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GiftMonthTotals", x => new { x.FundId, x.Currency, x.Month });
                    table.ForeignKey(
                        name: "FK_GiftMonthTotals_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SponsorshipEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SponsorshipId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Running = table.Column<int>(type: "int", nullable: false),
                    MonthlyMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SponsorshipEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SponsorshipEvents_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SponsorshipMonthTotals",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Events = table.Column<long>(type: "bigint", nullable: false),
                    Running = table.Column<long>(type: "bigint", nullable: false),
                    MonthlyMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SponsorshipMonthTotals", x => new { x.FundId, x.Currency, x.Month, x.Kind, x.Reason });
                    table.ForeignKey(
                        name: "FK_SponsorshipMonthTotals_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sponsorships_Status_CardExpiresOn",
                table: "Sponsorships",
                columns: new[] { "Status", "CardExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Donors_LastGiftOn",
                table: "Donors",
                column: "LastGiftOn");

            migrationBuilder.CreateIndex(
                name: "IX_FundMoves_FromFundId_CreatedAt",
                table: "FundMoves",
                columns: new[] { "FromFundId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FundMoves_ToFundId",
                table: "FundMoves",
                column: "ToFundId");

            migrationBuilder.CreateIndex(
                name: "IX_GiftMonthTotals_Month",
                table: "GiftMonthTotals",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_SponsorshipEvents_FundId",
                table: "SponsorshipEvents",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_SponsorshipEvents_SponsorshipId",
                table: "SponsorshipEvents",
                column: "SponsorshipId");

            migrationBuilder.CreateIndex(
                name: "IX_SponsorshipMonthTotals_Month",
                table: "SponsorshipMonthTotals",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundMoves");

            migrationBuilder.DropTable(
                name: "GiftMonthTotals");

            migrationBuilder.DropTable(
                name: "SponsorshipEvents");

            migrationBuilder.DropTable(
                name: "SponsorshipMonthTotals");

            migrationBuilder.DropIndex(
                name: "IX_Sponsorships_Status_CardExpiresOn",
                table: "Sponsorships");

            migrationBuilder.DropIndex(
                name: "IX_Donors_LastGiftOn",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "IntervalFrom",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "LastGiftOn",
                table: "Donors");
        }
    }
}
