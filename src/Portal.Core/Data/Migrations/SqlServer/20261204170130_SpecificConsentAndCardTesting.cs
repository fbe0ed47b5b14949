using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SpecificConsentAndCardTesting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Decision 026: the old single box ("news of how the fund uses its money") carries over to impact updates and
            // transparency reports, less any topic the donor had turned off; never to appeals. Each carried topic gets a record.
            // The record names the fund whose gift gave the consent: the first paid (by StartedAt) with the box ticked.
            migrationBuilder.AddColumn<int>(name: "MailConsents", table: "Donors", type: "int", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<int>(name: "ConsentTopics", table: "Sponsorships", type: "int", nullable: false, defaultValue: 0);

            migrationBuilder.RenameColumn(
                name: "Consenting",
                table: "FundAudienceCounts",
                newName: "TransparencyReports");

            migrationBuilder.AddColumn<string>(
                name: "CheckoutReference",
                table: "Sponsorships",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentWordingSet",
                table: "Sponsorships",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Appeals",
                table: "FundAudienceCounts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ImpactUpdates",
                table: "FundAudienceCounts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DonorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Topic = table.Column<int>(type: "int", nullable: false),
                    Given = table.Column<bool>(type: "bit", nullable: false),
                    WordingId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Wording = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_DonorId_At",
                table: "ConsentRecords",
                columns: new[] { "DonorId", "At" });

            migrationBuilder.Sql(
                @"UPDATE [Sponsorships] SET [ConsentTopics] = 3, [ConsentWordingSet] = 'sponsor-form.v0' WHERE [ConsentToUpdates] = 1");

            migrationBuilder.Sql(
                @"UPDATE [Donors] SET [MailConsents] = 3 & ~[MailOptOuts] WHERE [UpdatesConsentedAt] IS NOT NULL");

            migrationBuilder.Sql(
                @"INSERT INTO [ConsentRecords] ([DonorId], [Topic], [Given], [WordingId], [Wording], [Source], [At]) SELECT d.[Id], 1, 1, 'sponsor-form.v0.news', 'Send me news of how ' + COALESCE((SELECT TOP 1 f.[Name] FROM [Sponsorships] s JOIN [Funds] f ON f.[Id] = s.[FundId] WHERE s.[DonorId] = d.[Id] AND s.[ConsentToUpdates] = 1 AND s.[StartedAt] IS NOT NULL ORDER BY s.[StartedAt]), 'the fund you sponsored') + ' uses its money (a few times a year; one click to stop).', 'sponsor form, single box before December 2026 (carried over by decision 026)', d.[UpdatesConsentedAt] FROM [Donors] d WHERE d.[UpdatesConsentedAt] IS NOT NULL AND (d.[MailOptOuts] & 1) = 0");

            migrationBuilder.Sql(
                @"INSERT INTO [ConsentRecords] ([DonorId], [Topic], [Given], [WordingId], [Wording], [Source], [At]) SELECT d.[Id], 2, 1, 'sponsor-form.v0.news', 'Send me news of how ' + COALESCE((SELECT TOP 1 f.[Name] FROM [Sponsorships] s JOIN [Funds] f ON f.[Id] = s.[FundId] WHERE s.[DonorId] = d.[Id] AND s.[ConsentToUpdates] = 1 AND s.[StartedAt] IS NOT NULL ORDER BY s.[StartedAt]), 'the fund you sponsored') + ' uses its money (a few times a year; one click to stop).', 'sponsor form, single box before December 2026 (carried over by decision 026)', d.[UpdatesConsentedAt] FROM [Donors] d WHERE d.[UpdatesConsentedAt] IS NOT NULL AND (d.[MailOptOuts] & 2) = 0");

            migrationBuilder.DropColumn(name: "ConsentToUpdates", table: "Sponsorships");
            migrationBuilder.DropColumn(name: "UpdatesConsentedAt", table: "Donors");
            migrationBuilder.DropColumn(name: "MailOptOuts", table: "Donors");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one box: any topic given counts as the old consent, dated by its earliest record (else the donor's creation).
            migrationBuilder.AddColumn<int>(name: "MailOptOuts", table: "Donors", type: "int", nullable: false, defaultValue: 0);
            migrationBuilder.AddColumn<DateTime>(name: "UpdatesConsentedAt", table: "Donors", type: "datetime2", nullable: true);
            migrationBuilder.AddColumn<bool>(name: "ConsentToUpdates", table: "Sponsorships", type: "bit", nullable: false, defaultValue: false);
            migrationBuilder.Sql(@"UPDATE [Donors] SET [UpdatesConsentedAt] = COALESCE((SELECT MIN(r.[At]) FROM [ConsentRecords] r WHERE r.[DonorId] = [Donors].[Id] AND r.[Given] = 1), [CreatedAt]), [MailOptOuts] = 7 & ~[MailConsents] WHERE [MailConsents] <> 0");
            migrationBuilder.Sql(@"UPDATE [Sponsorships] SET [ConsentToUpdates] = 1 WHERE [ConsentTopics] <> 0");
            migrationBuilder.DropTable(name: "ConsentRecords");
            migrationBuilder.DropColumn(name: "ConsentTopics", table: "Sponsorships");
            migrationBuilder.DropColumn(name: "ConsentWordingSet", table: "Sponsorships");
            migrationBuilder.DropColumn(name: "CheckoutReference", table: "Sponsorships");
            migrationBuilder.DropColumn(name: "MailConsents", table: "Donors");
            migrationBuilder.DropColumn(name: "Appeals", table: "FundAudienceCounts");
            migrationBuilder.DropColumn(name: "ImpactUpdates", table: "FundAudienceCounts");
            migrationBuilder.RenameColumn(name: "TransparencyReports", table: "FundAudienceCounts", newName: "Consenting");
        }
    }
}
