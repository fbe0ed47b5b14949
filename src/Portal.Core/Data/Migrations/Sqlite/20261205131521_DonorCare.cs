using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DonorCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AddressLine",
                table: "Donors",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "Donors",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentReference",
                table: "Donors",
                type: "TEXT",
                maxLength: 25,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Donors",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCode",
                table: "Donors",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCodeKey",
                table: "Donors",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchLastName",
                table: "Donors",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Donors",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Donors_PaymentReference",
                table: "Donors",
                column: "PaymentReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Donors_PostalCodeKey",
                table: "Donors",
                column: "PostalCodeKey");

            migrationBuilder.CreateIndex(
                name: "IX_Donors_SearchLastName",
                table: "Donors",
                column: "SearchLastName");

            migrationBuilder.CreateIndex(
                name: "IX_Donors_SearchName",
                table: "Donors",
                column: "SearchName");

            migrationBuilder.CreateIndex(
                name: "IX_DonorGatewayCustomers_CustomerId",
                table: "DonorGatewayCustomers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_ReceiptNumber",
                table: "Charges",
                column: "ReceiptNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Donors_PaymentReference",
                table: "Donors");

            migrationBuilder.DropIndex(
                name: "IX_Donors_PostalCodeKey",
                table: "Donors");

            migrationBuilder.DropIndex(
                name: "IX_Donors_SearchLastName",
                table: "Donors");

            migrationBuilder.DropIndex(
                name: "IX_Donors_SearchName",
                table: "Donors");

            migrationBuilder.DropIndex(
                name: "IX_DonorGatewayCustomers_CustomerId",
                table: "DonorGatewayCustomers");

            migrationBuilder.DropIndex(
                name: "IX_Charges_ReceiptNumber",
                table: "Charges");

            migrationBuilder.DropColumn(
                name: "AddressLine",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "City",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "PaymentReference",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "PostalCode",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "PostalCodeKey",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "SearchLastName",
                table: "Donors");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Donors");
        }
    }
}
