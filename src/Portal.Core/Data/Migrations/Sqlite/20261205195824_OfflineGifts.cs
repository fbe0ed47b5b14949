using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfflineGifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CounterpartyAccount",
                table: "BankLines",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditorReference",
                table: "BankLines",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GiftReferences",
                columns: table => new
                {
                    Reference = table.Column<string>(type: "TEXT", maxLength: 25, nullable: false),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GiftReferences", x => x.Reference);
                    table.ForeignKey(
                        name: "FK_GiftReferences_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GiftReferences_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OfflineGifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChargeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BankLineId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImportKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PayerIban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfflineGifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfflineGifts_BankLines_BankLineId",
                        column: x => x.BankLineId,
                        principalTable: "BankLines",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OfflineGifts_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GiftReferences_DonorId_FundId",
                table: "GiftReferences",
                columns: new[] { "DonorId", "FundId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GiftReferences_FundId",
                table: "GiftReferences",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_OfflineGifts_BankLineId",
                table: "OfflineGifts",
                column: "BankLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfflineGifts_ChargeId",
                table: "OfflineGifts",
                column: "ChargeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfflineGifts_ImportKey",
                table: "OfflineGifts",
                column: "ImportKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfflineGifts_PayerIban",
                table: "OfflineGifts",
                column: "PayerIban");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GiftReferences");

            migrationBuilder.DropTable(
                name: "OfflineGifts");

            migrationBuilder.DropColumn(
                name: "CounterpartyAccount",
                table: "BankLines");

            migrationBuilder.DropColumn(
                name: "CreditorReference",
                table: "BankLines");
        }
    }
}
