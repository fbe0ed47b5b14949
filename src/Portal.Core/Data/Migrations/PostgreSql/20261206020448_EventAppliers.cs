using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class EventAppliers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "GatewayEvents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "GatewayEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderKey",
                table: "GatewayEvents",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_GatewayEvents_OrderKey_Status_Id",
                table: "GatewayEvents",
                columns: new[] { "OrderKey", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GatewayEvents_Status_Id",
                table: "GatewayEvents",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GatewayEvents_OrderKey_Status_Id",
                table: "GatewayEvents");

            migrationBuilder.DropIndex(
                name: "IX_GatewayEvents_Status_Id",
                table: "GatewayEvents");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "GatewayEvents");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "GatewayEvents");

            migrationBuilder.DropColumn(
                name: "OrderKey",
                table: "GatewayEvents");
        }
    }
}
