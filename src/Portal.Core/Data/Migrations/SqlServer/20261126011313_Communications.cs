using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Communications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MailOptOuts",
                table: "Donors",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "EmailSuppressions",
                columns: table => new
                {
                    NormalizedEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    Reason = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailSuppressions", x => x.NormalizedEmail);
                });

            migrationBuilder.CreateTable(
                name: "ImpactUpdates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Topic = table.Column<int>(type: "int", nullable: false),
                    AudienceKind = table.Column<int>(type: "int", nullable: false),
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    IncludeActive = table.Column<bool>(type: "bit", nullable: false),
                    IncludePaused = table.Column<bool>(type: "bit", nullable: false),
                    LapsedWithinMonths = table.Column<int>(type: "int", nullable: true),
                    Language = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    ScheduledFor = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TransparencyReportId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ExpandedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RecipientCount = table.Column<int>(type: "int", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImpactUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImpactUpdates_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "TaxStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DonorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FiscalYear = table.Column<int>(type: "int", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TotalsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxStatements_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TransparencyReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PeriodKind = table.Column<int>(type: "int", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodKey = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    FiguresJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OutcomesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Stories = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChildDataConfirmedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ChildDataConfirmedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PublishedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransparencyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransparencyReports_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UpdateImages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdateId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Width = table.Column<int>(type: "int", nullable: false),
                    Height = table.Column<int>(type: "int", nullable: false),
                    Bytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    AltText = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    UploadedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpdateImages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UpdateDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdateId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DonorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ToAddress = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    GivenThisYearMinor = table.Column<long>(type: "bigint", nullable: false),
                    GivenCurrency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpdateDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpdateDeliveries_Donors_DonorId",
                        column: x => x.DonorId,
                        principalTable: "Donors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UpdateDeliveries_ImpactUpdates_UpdateId",
                        column: x => x.UpdateId,
                        principalTable: "ImpactUpdates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImpactUpdates_FundId",
                table: "ImpactUpdates",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_ImpactUpdates_Status_ScheduledFor",
                table: "ImpactUpdates",
                columns: new[] { "Status", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_ImpactUpdates_TransparencyReportId",
                table: "ImpactUpdates",
                column: "TransparencyReportId");

            migrationBuilder.CreateIndex(
                name: "IX_TaxStatements_DonorId_FiscalYear",
                table: "TaxStatements",
                columns: new[] { "DonorId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaxStatements_Number",
                table: "TaxStatements",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransparencyReports_FundId_PeriodKey",
                table: "TransparencyReports",
                columns: new[] { "FundId", "PeriodKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpdateDeliveries_DonorId",
                table: "UpdateDeliveries",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_UpdateDeliveries_UpdateId_DonorId",
                table: "UpdateDeliveries",
                columns: new[] { "UpdateId", "DonorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpdateDeliveries_UpdateId_Status_NextAttemptAt",
                table: "UpdateDeliveries",
                columns: new[] { "UpdateId", "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UpdateImages_UpdateId",
                table: "UpdateImages",
                column: "UpdateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailSuppressions");

            migrationBuilder.DropTable(
                name: "TaxStatements");

            migrationBuilder.DropTable(
                name: "TransparencyReports");

            migrationBuilder.DropTable(
                name: "UpdateDeliveries");

            migrationBuilder.DropTable(
                name: "UpdateImages");

            migrationBuilder.DropTable(
                name: "ImpactUpdates");

            migrationBuilder.DropColumn(
                name: "MailOptOuts",
                table: "Donors");
        }
    }
}
