namespace DumpDist.Web.Hosting;

/// <summary>What the plain-HTTP listener does when HTTPS is configured.</summary>
internal enum PlainHttpMode
{
    /// <summary>Serve normally (the default; a terminating balancer sits in front).</summary>
    Serve,

    /// <summary>301 to the same path on the HTTPS listener.</summary>
    Redirect,

    /// <summary>403 (production refuses plain HTTP).</summary>
    Refuse,
}
