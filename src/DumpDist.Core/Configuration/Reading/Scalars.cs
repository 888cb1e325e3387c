using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Cronos;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>The scalar kinds the cluster file uses, each with the message it gives when a value does not fit.</summary>
internal static partial class Scalars
{
    public static string? Text(string text, out string value)
    {
        value = text;
        return null;
    }

    /// <summary>Names of hosts, datasets, mirrors and classes: letters, digits, '.', '_' and '-'.</summary>
    public static string? Name(string text, out string value)
    {
        value = text;
        return NamePattern().IsMatch(text) ? null : $"'{text}' is not a valid name (letters, digits, '.', '_', '-'; starting with a letter or digit)";
    }

    public static ScalarParser<long> Integer(long min, long max) => (string text, out long value) =>
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return $"expected a whole number, got '{text}'";
        }

        if (value < min)
        {
            return min == 0 ? $"must not be negative, got {value}" : $"must be at least {min}, got {value}";
        }

        return value > max ? $"must be at most {max}, got {value}" : null;
    };

    public static ScalarParser<int> Count(int min = 0, int max = int.MaxValue)
    {
        var inner = Integer(min, max);
        return (string text, out int value) =>
        {
            var problem = inner(text, out var wide);
            value = (int)wide;
            return problem;
        };
    }

    public static ScalarParser<int> Port { get; } = Count(1, 65535);

    public static string? Fraction(string text, out double value)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return $"expected a fraction between 0 and 1, got '{text}'";
        }

        return value is < 0 or > 1 ? $"must be between 0 and 1, got {text}" : null;
    }

    public static string? Duration(string text, out TimeSpan value)
    {
        if (text.StartsWith('-'))
        {
            value = default;
            return $"must not be negative, got {text}";
        }

        return DurationParser.TryParse(text, out value) ? null : $"expected a duration such as 600, 600s, 10m, 8h or 30d, got '{text}'";
    }

    /// <summary>Sizes in bytes (or, with <paramref name="resultUnit"/> 1024, in KiB); a bare number is in <paramref name="resultUnit"/>.</summary>
    public static ScalarParser<long> Size(long resultUnit) => (string text, out long value) =>
    {
        value = 0;
        if (text.TrimStart().StartsWith('-'))
        {
            return $"must not be negative, got {text}";
        }

        if (!SizeParser.TryParseBytes(text, resultUnit, out var bytes))
        {
            var example = resultUnit == 1024 ? "80000 (KiB) or 80MiB" : "5242880 or 5MiB";
            return $"expected a size such as {example}, got '{text}'";
        }

        if (bytes > 0 && bytes < resultUnit)
        {
            // 0 means unlimited: a small limit must not round down to none.
            return $"must be 0 or at least 1 KiB, got '{text}'";
        }

        value = bytes / resultUnit;
        return null;
    };

    public static string? Bool(string text, out bool value)
    {
        value = false;
        switch (text.ToLowerInvariant())
        {
            case "true":
                value = true;
                return null;
            case "false":
                return null;
            default:
                return $"expected true or false, got '{text}'";
        }
    }

    public static ScalarParser<T> Enum<T>(params (string Name, T Value)[] names)
        where T : struct => (string text, out T value) =>
    {
        foreach (var (name, candidate) in names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                value = candidate;
                return null;
            }
        }

        value = default;
        var closest = KeySuggester.Closest(text, names.Select(n => n.Name).ToArray());
        var hint = closest is null ? string.Empty : $"; did you mean '{closest}'?";
        return $"expected one of {string.Join(", ", names.Select(n => n.Name))}, got '{text}'{hint}";
    };

    public static string? Address(string text, out IPAddress value) =>
        AddressParser.TryParseAddress(text, out value) ? null : $"'{text}' is not an IPv4 or IPv6 address";

    public static string? Network(string text, out IPNetwork value)
    {
        var problem = AddressParser.TryParseNetwork(text, out value);
        return problem is null ? null : $"'{text}' {problem}";
    }

    public static string? HostAndPort(string text, out HostPort value)
    {
        if (HostPort.TryParse(text, out var parsed) && parsed is not null)
        {
            value = parsed;
            return null;
        }

        value = new HostPort(string.Empty, 0);
        return $"expected host:port (e.g. 127.0.0.1:9100 or [::1]:9100) with a port from 1 to 65535, got '{text}'";
    }

    public static ScalarParser<Uri> Url(params string[] schemes) => (string text, out Uri value) =>
    {
        value = new Uri("about:blank");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.Ordinal) || uri.Host.Length == 0)
        {
            return $"expected a URL starting with {string.Join(" or ", schemes.Select(s => s + "://"))}, got '{text}'";
        }

        value = uri;
        return null;
    };

    public static string? Date(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            ? null
            : $"expected a date as YYYY-MM-DD, got '{text}'";

    public static string? Pattern(string text, out string value)
    {
        value = text;
        try
        {
            _ = new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return $"'{text}' is not a valid regular expression: {e.Message}";
        }
    }

    public static string? Cron(string text, out string value)
    {
        value = text;
        try
        {
            _ = CronExpression.Parse(text, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"'{text}' is not a valid five-field cron expression: {e.Message}";
        }
    }

    public static string? AbsolutePath(string text, out string value)
    {
        value = text;
        return text.StartsWith('/') ? null : $"expected an absolute path, got '{text}'";
    }

    /// <summary>A path inside the tree: relative, no '..', no empty segments.</summary>
    public static string? RelativePath(string text, out string value)
    {
        value = text.TrimEnd('/');
        if (value.Length == 0 || value.StartsWith('/') || value.Split('/').Any(s => s is "" or "." or ".."))
        {
            return $"expected a relative path inside the tree (no leading '/', no '.' or '..'), got '{text}'";
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
