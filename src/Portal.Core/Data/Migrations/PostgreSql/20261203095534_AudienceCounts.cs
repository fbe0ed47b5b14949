using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AudienceCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FundAudienceCounts",
                columns: table => new
                {
                    FundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Donors = table.Column<long>(type: "bigint", nullable: false),
                    Consenting = table.Column<long>(type: "bigint", nullable: false),
                    CountedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundAudienceCounts", x => x.FundId);
                    table.ForeignKey(
                        name: "FK_FundAudienceCounts_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaxStatementYearCounts",
                columns: table => new
                {
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Issued = table.Column<long>(type: "bigint", nullable: false),
                    Sent = table.Column<long>(type: "bigint", nullable: false),
                    CountedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxStatementYearCounts", x => x.FiscalYear);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_FundId_GiftDate",
                table: "Charges",
                columns: new[] { "FundId", "GiftDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundAudienceCounts");

            migrationBuilder.DropTable(
                name: "TaxStatementYearCounts");

            migrationBuilder.DropIndex(
                name: "IX_Charges_FundId_GiftDate",
                table: "Charges");
        }
    }
}
