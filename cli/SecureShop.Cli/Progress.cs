namespace SecureShop.Cli;

/// <summary>
/// What the tool says on standard error while it works: a progress line only when standard error is a
/// terminal (never in CI logs), details with --verbose, nothing with --quiet.
/// </summary>
internal sealed class Progress(bool quiet, bool verbose)
{
    private readonly bool _interactive = !quiet && !Console.IsErrorRedirected;

    public void Status(string what)
    {
        if (_interactive)
        {
            Console.Error.Write($"\r\u001b[2Ksecureshop: {what}...");
        }
    }

    public void Done()
    {
        if (_interactive)
        {
            Console.Error.Write("\r\u001b[2K");
        }
    }

    public void Info(string message)
    {
        if (verbose)
        {
            Done();
            Console.Error.WriteLine($"secureshop: {message}");
        }
    }

    public void Warn(string message)
    {
        if (!quiet)
        {
            Done();
            Console.Error.WriteLine($"secureshop: {message}");
        }
    }
}
