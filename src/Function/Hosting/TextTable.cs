using System.Text;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// Aligned columns, as kubectl prints them: a header row in capitals, cells padded to the widest in their column by
/// three spaces. Every cell is made safe for a terminal (control characters, ESC included, become <c>?</c>), so a name
/// or message read from a cluster can never move the cursor or set a colour; a cell's colour (an SGR code) is applied
/// after the padding, and only when <c>colour</c> is on.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<(string Text, string? Sgr)[]> rows = [];

    internal void Add(params (string Text, string? Sgr)[] cells) => rows.Add([.. cells.Select(cell => (Safe(cell.Text), cell.Sgr))]);

    internal void Add(params string[] cells) => Add([.. cells.Select(cell => (cell, (string?)null))]);

    internal int Count => rows.Count;

    internal string Render(bool colour)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length && i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Text.Length);
            }
        }

        var text = new StringBuilder();
        Line(text, [.. headers.Select(h => (h, (string?)null))], widths, colour);
        foreach (var row in rows)
        {
            Line(text, row, widths, colour);
        }

        return text.ToString();
    }

    /// <summary>Control characters (C0, DEL, C1) replaced by <c>?</c>.</summary>
    internal static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    private static void Line(StringBuilder text, (string Text, string? Sgr)[] cells, int[] widths, bool colour)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var cell = last ? cells[i].Text : cells[i].Text.PadRight(widths[i]);
            line.Append(colour && cells[i].Sgr is { } sgr ? $"\u001b[{sgr}m{cells[i].Text}\u001b[0m{cell[cells[i].Text.Length..]}" : cell);
            if (!last)
            {
                line.Append("   ");
            }
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
