using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FundraisingFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The totals are built again at the next start (LedgerTotals.EnsureBuiltAsync): that gives each running
            // sponsorship its start event and each donor the date of their last gift.
            migrationBuilder.Sql("DELETE FROM \"LedgerTotalsStates\"");

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastGiftOn",
                table: "Donors",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GiftMonthTotals",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SponsorshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Running = table.Column<int>(type: "integer", nullable: false),
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
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
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
                name: "LastGiftOn",
                table: "Donors");
        }
    }
}
