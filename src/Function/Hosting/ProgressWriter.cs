using System.Text;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// stderr on a terminal: log lines pass through, and a progress line (when one is shown) is wiped before each log line
/// and drawn again below it, so it always sits under the last log line. Used only when stderr is a terminal.
/// </summary>
internal sealed class ProgressWriter(TextWriter inner) : TextWriter
{
    /// <summary>Carriage return, then erase the whole line (ECMA-48 EL 2).</summary>
    private const string Wipe = "\r\u001b[2K";

    private readonly Lock gate = new();
    private string? line;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (gate)
        {
            inner.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            inner.Write(line is null ? value : Wipe + value);
            inner.WriteLine();
            if (line is not null)
            {
                inner.Write(line);
            }

            inner.Flush();
        }
    }

    /// <summary>Shows (or redraws) the progress line.</summary>
    internal void Show(string text)
    {
        lock (gate)
        {
            line = text;
            inner.Write(Wipe + text);
            inner.Flush();
        }
    }

    /// <summary>Takes the progress line away, leaving the cursor at the start of an empty line.</summary>
    internal void Clear()
    {
        lock (gate)
        {
            if (line is not null)
            {
                inner.Write(Wipe);
                inner.Flush();
                line = null;
            }
        }
    }

    public override void Flush()
    {
        lock (gate)
        {
            inner.Flush();
        }
    }
}
