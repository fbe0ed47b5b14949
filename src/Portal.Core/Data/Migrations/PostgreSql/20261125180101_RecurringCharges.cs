using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RecurringCharges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateOnly>(
                name: "PausedUntil",
                table: "Sponsorships",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelReasonCode",
                table: "Sponsorships",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CardBrand",
                table: "Sponsorships",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CardExpiresOn",
                table: "Sponsorships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CardLast4",
                table: "Sponsorships",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextPeriodStart",
                table: "Sponsorships",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PastDueSince",
                table: "Sponsorships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempt",
                table: "SandboxPayments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Template",
                table: "OutboundEmails",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TemplateRef",
                table: "OutboundEmails",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AttemptedAt",
                table: "Charges",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FundId",
                table: "Charges",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayCustomerId",
                table: "Charges",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayPaymentMethodId",
                table: "Charges",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextRetryAt",
                table: "Charges",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReversedAt",
                table: "Charges",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RunId",
                table: "Charges",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChargeAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChargeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    DeclineCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargeAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChargeAttempts_Charges_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "Charges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChargeRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastProgressAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Today = table.Column<DateOnly>(type: "date", nullable: false),
                    Worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Due = table.Column<int>(type: "integer", nullable: false),
                    Succeeded = table.Column<int>(type: "integer", nullable: false),
                    Processing = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    ActionRequired = table.Column<int>(type: "integer", nullable: false),
                    Unresolved = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargeRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sponsorships_Status_NextPeriodStart_Id",
                table: "Sponsorships",
                columns: new[] { "Status", "NextPeriodStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_RunId",
                table: "Charges",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_Status_AttemptedAt",
                table: "Charges",
                columns: new[] { "Status", "AttemptedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_Status_NextRetryAt",
                table: "Charges",
                columns: new[] { "Status", "NextRetryAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChargeAttempts_ChargeId_Id",
                table: "ChargeAttempts",
                columns: new[] { "ChargeId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ChargeRuns_StartedAt",
                table: "ChargeRuns",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChargeAttempts");

            migrationBuilder.DropTable(
                name: "ChargeRuns");

            migrationBuilder.DropIndex(
                name: "IX_Sponsorships_Status_NextPeriodStart_Id",
                table: "Sponsorships");

            migrationBuilder.DropIndex(
                name: "IX_Charges_RunId",
                table: "Charges");

            migrationBuilder.DropIndex(
                name: "IX_Charges_Status_AttemptedAt",
                table: "Charges");

            migrationBuilder.DropIndex(
                name: "IX_Charges_Status_NextRetryAt",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "CancelReasonCode",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "CardBrand",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "CardExpiresOn",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "CardLast4",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "NextPeriodStart",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "PastDueSince",
                table: "Sponsorships");

            migrationBuilder.DropColumn(
                name: "Attempt",
                table: "SandboxPayments");

            migrationBuilder.DropColumn(
                name: "Template",
                table: "OutboundEmails");

            migrationBuilder.DropColumn(
                name: "TemplateRef",
                table: "OutboundEmails");

            migrationBuilder.DropColumn(
                name: "AttemptedAt",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "FundId",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "GatewayCustomerId",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "GatewayPaymentMethodId",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "NextRetryAt",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "ReversedAt",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "RunId",
                table: "Charges");

            migrationBuilder.AlterColumn<DateTime>(
                name: "PausedUntil",
                table: "Sponsorships",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
