using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DonorPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "Donors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonalDigest",
                table: "AuditRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RedactedAt",
                table: "AuditRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ErasureRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ErasureRequests_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ActorId",
                table: "AuditRecords",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_Subject",
                table: "AuditRecords",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_DonorId",
                table: "ErasureRequests",
                column: "DonorId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ErasureRequests_State",
                table: "ErasureRequests",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasureRequests");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_ActorId",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_Subject",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "PersonalDigest",
                table: "AuditRecords");

            migrationBuilder.DropColumn(
                name: "RedactedAt",
                table: "AuditRecords");
        }
    }
}
