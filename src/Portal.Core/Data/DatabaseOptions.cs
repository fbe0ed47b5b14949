using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Data;

/// <summary>Section <c>Database</c>: which database the portal keeps its records in.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SqlServer and PostgreSql; for Sqlite the default is a file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the portal starts. Turn off where a deployment step migrates instead.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"Database:ConnectionString is required when Database:Provider is {Provider}.",
                [nameof(ConnectionString)]);
        }
    }
}

public enum DatabaseProvider
{
    Sqlite = 1,
    SqlServer = 2,
    PostgreSql = 3,
}
