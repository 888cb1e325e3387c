namespace DumpDist.Core.Configuration;

/// <summary>What the plain HTTP listener does when HTTPS is also configured (<c>plain_http</c>).</summary>
public enum PlainHttpPolicy
{
    /// <summary><c>serve</c>: serve files over plain HTTP too.</summary>
    Serve,

    /// <summary><c>redirect</c>: answer 301 to the same path on the HTTPS listener.</summary>
    Redirect,

    /// <summary><c>forbid</c>: answer 403 on plain HTTP.</summary>
    Forbid,
}
