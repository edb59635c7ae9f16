namespace VulnerableShop.Data;

// Nightly sales reports are read from the reporting replica in the other data centre.
public static class ReportingDatabase
{
    public const string ConnectionString =
        "Server=reporting-sql.shop.example;Database=SalesReports;Integrated Security=true;Encrypt=False";
}
