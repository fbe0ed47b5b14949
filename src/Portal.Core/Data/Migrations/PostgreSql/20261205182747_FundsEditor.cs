using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FundsEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ChildDataConfirmedAt",
                table: "Funds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChildDataConfirmedBy",
                table: "Funds",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FeaturedOrder",
                table: "Funds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "GoalDeadline",
                table: "Funds",
                type: "date",
                nullable: true);

            // 15 is FundIntervals.All, written by hand: the funds there are go on offering every way of giving.
            migrationBuilder.AddColumn<int>(
                name: "Intervals",
                table: "Funds",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.CreateTable(
                name: "FundSlugRedirects",
                columns: table => new
                {
                    OldSlug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundSlugRedirects", x => x.OldSlug);
                    table.ForeignKey(
                        name: "FK_FundSlugRedirects_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundTranslations",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Summary = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Story = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundTranslations", x => new { x.FundId, x.Language });
                    table.ForeignKey(
                        name: "FK_FundTranslations_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_SponsorshipId_CreatedAt",
                table: "Charges",
                columns: new[] { "SponsorshipId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FundSlugRedirects_FundId",
                table: "FundSlugRedirects",
                column: "FundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundSlugRedirects");

            migrationBuilder.DropTable(
                name: "FundTranslations");

            migrationBuilder.DropIndex(
                name: "IX_Charges_SponsorshipId_CreatedAt",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "ChildDataConfirmedAt",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "ChildDataConfirmedBy",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "FeaturedOrder",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "GoalDeadline",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "Intervals",
                table: "Funds");
        }
    }
}
