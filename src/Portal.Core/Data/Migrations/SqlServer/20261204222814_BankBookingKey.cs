using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.SqlServer
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
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_BookingKey",
                table: "BankLines",
                column: "BookingKey");

            // Lines imported before: the account is the part of the line key before its first colon, and the place among equal
            // bookings counts within each statement (only the lines a statement added were kept, so this is the best known).
            // One line: the SQL Server script is read back line by line (ScriptedSchema in the tests).
            migrationBuilder.Sql(@"UPDATE [BankLines] SET [BookingKey] = x.[k] FROM [BankLines] JOIN (SELECT [Id], CONCAT([a], ':', CONVERT(char(10), [BookedOn], 23), ':', [Currency], [AmountMinor], ':', ROW_NUMBER() OVER (PARTITION BY [BankStatementId], [a], [BookedOn], [Currency], [AmountMinor] ORDER BY [Id])) AS [k] FROM (SELECT *, REPLACE(UPPER(LEFT([LineKey], CHARINDEX(':', [LineKey]) - 1)), ' ', '') AS [a] FROM [BankLines]) AS l) AS x ON x.[Id] = [BankLines].[Id]");
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
