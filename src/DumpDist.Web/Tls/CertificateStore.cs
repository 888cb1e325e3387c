using System.Security.Cryptography.X509Certificates;
using DumpDist.Web.Logging;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Tls;

/// <summary>
/// The HTTPS certificate from PEM files, reloaded when either file's mtime changes (an ACME
/// renewal), checked at most once a second from the TLS handshake path. A broken new pair keeps
/// the old certificate in use and is logged.
/// </summary>
internal sealed class CertificateStore(string certificatePath, string keyPath, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private X509Certificate2? _current;
    private (DateTime Cert, DateTime Key) _stamp;
    private long _checkedAt;

    public X509Certificate2? Current
    {
        get
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(Volatile.Read(ref _checkedAt), now) >= TimeSpan.FromSeconds(1))
            {
                Volatile.Write(ref _checkedAt, now);
                Load();
            }

            return _current;
        }
    }

    /// <summary>Loads the pair if it changed since the last load.</summary>
    public void Load()
    {
        lock (_lock)
        {
            var stamp = (File.GetLastWriteTimeUtc(certificatePath), File.GetLastWriteTimeUtc(keyPath));
            if (_current is not null && stamp == _stamp)
            {
                return;
            }

            try
            {
                var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                _current = certificate;
                _stamp = stamp;
                WebLog.CertificateLoaded(logger, certificate.Subject, certificate.NotAfter);
            }
            catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                WebLog.CertificateLoadFailed(logger, certificatePath, e.Message);
                if (_current is null)
                {
                    throw new InvalidOperationException($"certificate: cannot load {certificatePath} with key {keyPath}: {e.Message}", e);
                }
            }
        }
    }

    public void Dispose() => _current?.Dispose();
}
