using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BankBookingKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BookingKey",
                table: "BankLines",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_BookingKey",
                table: "BankLines",
                column: "BookingKey");

            // Lines imported before: the account is the part of the line key before its first colon, and the place among equal
            // bookings counts within each statement (only the lines a statement added were kept, so this is the best known).
            migrationBuilder.Sql("""
                UPDATE "BankLines" SET "BookingKey" = x.k
                FROM (SELECT "Id", a || ':' || "BookedOn" || ':' || "Currency" || CAST("AmountMinor" AS TEXT) || ':'
                        || CAST(ROW_NUMBER() OVER (PARTITION BY "BankStatementId", a, "BookedOn", "Currency", "AmountMinor" ORDER BY "Id") AS TEXT) AS k
                      FROM (SELECT *, REPLACE(UPPER(substr("LineKey", 1, instr("LineKey", ':') - 1)), ' ', '') AS a FROM "BankLines")) AS x
                WHERE x."Id" = "BankLines"."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BankLines_BookingKey",
                table: "BankLines");

            migrationBuilder.DropColumn(
                name: "BookingKey",
                table: "BankLines");
        }
    }
}
