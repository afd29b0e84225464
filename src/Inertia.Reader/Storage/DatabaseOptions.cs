using System.ComponentModel.DataAnnotations;

namespace Inertia.Reader.Storage;

/// <summary>Where the data lives (section `Database`).</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    /// <summary>`sqlite` (a file under ./data) or `postgres`.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a Microsoft.Data.Sqlite connection string (none: `Data Source=./data/inertia.db`); PostgreSQL: an Npgsql one (required).</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("is required with the postgres provider", [nameof(ConnectionString)]);
        }
    }
}
