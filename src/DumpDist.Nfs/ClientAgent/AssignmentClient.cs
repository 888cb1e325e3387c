using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// Asks every node's admin API for the current assignments at once and takes the answer with
/// the highest epoch (the newest failover decision wins); when no node answers, the config
/// default applies. A node that is down or answers nonsense is skipped, never fatal.
/// </summary>
public sealed class AssignmentClient(HttpClient http)
{
    /// <summary>The assignment of <see cref="ClientAgentOptions.Service"/>.</summary>
    public async Task<Assignment> GetAsync(ClientAgentOptions options, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(options.AdminEndpoints.Select(e => TryGetAsync(e, options, cancellationToken)));
        var best = answers.OfType<Assignment>()
            .Where(a => options.FindServer(a.Host) is not null)
            .OrderByDescending(a => a.Epoch)
            .FirstOrDefault();
        return best ?? new Assignment(options.DefaultActive, 0, "config default");
    }

    private async Task<Assignment?> TryGetAsync(Uri endpoint, ClientAgentOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AdminTimeout);
        var url = new Uri(endpoint, "api/v1/assignments");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (options.AdminToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var document = await response.Content.ReadFromJsonAsync<AssignmentDocument>(timeout.Token);
            return document?.Services is { } services && services.TryGetValue(options.Service, out var host) && !string.IsNullOrEmpty(host)
                ? new Assignment(host, document.Epoch, $"admin API {url} epoch {document.Epoch}")
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
