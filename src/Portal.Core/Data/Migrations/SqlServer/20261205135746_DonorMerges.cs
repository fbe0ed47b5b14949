using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DonorMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Donors_SearchName",
                table: "Donors");

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Donors",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DonorMerges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    KeptDonorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MergedDonorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    MovedSponsorships = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    MovedGatewayCustomers = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    KeptConsentsBefore = table.Column<int>(type: "int", nullable: false),
                    MergedConsentsBefore = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    MergedBy = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    MergedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DonorMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DonorMerges_Donors_KeptDonorId",
                        column: x => x.KeptDonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DonorMerges_Donors_MergedDonorId",
                        column: x => x.MergedDonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Donors_SearchName_PostalCodeKey",
                table: "Donors",
                columns: new[] { "SearchName", "PostalCodeKey" });

            migrationBuilder.CreateIndex(
                name: "IX_DonorMerges_KeptDonorId",
                table: "DonorMerges",
                column: "KeptDonorId");

            migrationBuilder.CreateIndex(
                name: "IX_DonorMerges_MergedDonorId",
                table: "DonorMerges",
                column: "MergedDonorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DonorMerges");

            migrationBuilder.DropIndex(
                name: "IX_Donors_SearchName_PostalCodeKey",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Donors");

            migrationBuilder.CreateIndex(
                name: "IX_Donors_SearchName",
                table: "Donors",
                column: "SearchName");
        }
    }
}
