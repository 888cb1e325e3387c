using System.Text;

namespace DumpDist.Core.Processes;

/// <summary>
/// Output kept for a result without letting a runaway child fill memory: the first half of the
/// limit (where the first error usually is) and the last half (where the summary is).
/// </summary>
internal sealed class BoundedText(int limit)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private readonly int _half = Math.Max(1, limit / 2);
    private long _omitted;

    public void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            var toHead = Math.Min(text.Length, _half - _head.Length);
            if (toHead > 0)
            {
                _head.Append(text[..toHead]);
                text = text[toHead..];
            }

            if (text.IsEmpty)
            {
                return;
            }

            if (text.Length >= _half)
            {
                _omitted += _tail.Length + text.Length - _half;
                _tail.Clear().Append(text[^_half..]);
                return;
            }

            _tail.Append(text);
            var excess = _tail.Length - _half;
            if (excess > 0)
            {
                _tail.Remove(0, excess);
                _omitted += excess;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _omitted == 0
                ? string.Concat(_head.ToString(), _tail.ToString())
                : $"{_head}\n[... {_omitted} characters omitted ...]\n{_tail}";
        }
    }
}
