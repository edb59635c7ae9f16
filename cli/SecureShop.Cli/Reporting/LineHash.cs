using System.Globalization;

namespace SecureShop.Cli.Reporting;

/// <summary>
/// GitHub code scanning's <c>primaryLocationLineHash</c>: for every line, a rolling polynomial hash
/// (base 37, 64-bit wrap-around) of the 100 characters that follow the line's start, with spaces and
/// tabs skipped and line endings folded to '\n', a -1 end marker and zero padding; equal hashes are
/// numbered ("hash:2") in file order. Computed here so the dashboard need not re-hash the file.
/// </summary>
internal static class LineHash
{
    private const int BlockSize = 100;
    private const ulong Mod = 37;
    private const int EndOfFile = 65535;

    public static string[] Compute(string text)
    {
        ulong firstMod = 1;
        for (int i = 0; i < BlockSize; i++)
        {
            firstMod *= Mod;
        }

        var window = new int[BlockSize];
        var lineNumbers = Enumerable.Repeat(-1, BlockSize).ToArray();
        var hashes = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        ulong hash = 0;
        int index = 0, lineNumber = 0;
        bool lineStart = true, previousCr = false;

        void Output()
        {
            string value = hash.ToString("x", CultureInfo.InvariantCulture);
            counts[value] = counts.GetValueOrDefault(value) + 1;
            int line = lineNumbers[index];
            while (hashes.Count < line)
            {
                hashes.Add("");
            }

            hashes[line - 1] = $"{value}:{counts[value]}";
            lineNumbers[index] = -1;
        }

        void Update(int current)
        {
            int begin = window[index];
            window[index] = current;
            hash = (Mod * hash) + (ulong)(long)current - (firstMod * (ulong)(long)begin);
            index = (index + 1) % BlockSize;
        }

        void Process(int current)
        {
            if (current == ' ' || current == '\t' || (previousCr && current == '\n'))
            {
                previousCr = false;
                return;
            }

            if (current == '\r')
            {
                current = '\n';
                previousCr = true;
            }
            else
            {
                previousCr = false;
            }

            if (lineNumbers[index] != -1)
            {
                Output();
            }

            if (lineStart)
            {
                lineStart = false;
                lineNumber++;
                lineNumbers[index] = lineNumber;
            }

            if (current == '\n')
            {
                lineStart = true;
            }

            Update(current);
        }

        foreach (char c in text)
        {
            Process(c);
        }

        Process(EndOfFile);
        for (int i = 0; i < BlockSize; i++)
        {
            if (lineNumbers[index] != -1)
            {
                Output();
            }

            Update(0);
        }

        return hashes.ToArray();
    }
}
