using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DumpDist.Core.Cluster;

namespace DumpDist.Node.Admin;

/// <summary>
/// Calls one node's admin API (the CLI, and peers replicating assignments). Every failure — the
/// node down, a timeout, 401, a body that is not what was expected — is a result, never thrown.
/// </summary>
internal sealed class AdminClient(HttpClient http, Uri baseAddress, string? token, TimeSpan timeout)
{
    public Uri BaseAddress { get; } = baseAddress;

    public Task<AdminResult<NodeState>> StateAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/state", null, ClusterJsonContext.Default.NodeState, cancellationToken);

    public Task<AdminResult<AssignmentSet>> AssignmentsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "api/v1/assignments", null, ClusterJsonContext.Default.AssignmentSet, cancellationToken);

    public Task<AdminResult<IReadOnlyList<AssignmentChange>>> ChangesAfterAsync(long epoch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1/changes?after={epoch}", null, ClusterJsonContext.Default.IReadOnlyListAssignmentChange, cancellationToken);

    public Task<AdminResult<AssignmentSet>> PushAsync(AssignmentChange change, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, "api/v1/changes", Json(change, ClusterJsonContext.Default.AssignmentChange), ClusterJsonContext.Default.AssignmentSet, cancellationToken);

    public Task<AdminResult<ChangeResponse>> FailoverAsync(FailoverRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/failover", Json(request, ClusterJsonContext.Default.FailoverRequest), ClusterJsonContext.Default.ChangeResponse, cancellationToken);

    public Task<AdminResult<ChangeResponse>> DrainAsync(DrainRequest request, bool undrain, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, undrain ? "api/v1/undrain" : "api/v1/drain", Json(request, ClusterJsonContext.Default.DrainRequest), ClusterJsonContext.Default.ChangeResponse, cancellationToken);

    public Task<AdminResult<IReadOnlyList<AuditRecord>>> AuditAsync(int limit, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"api/v1/audit?limit={limit}", null, ClusterJsonContext.Default.IReadOnlyListAuditRecord, cancellationToken);

    public Task<AdminResult<SyncTriggerResponse>> TriggerSyncAsync(string? dataset, bool wait, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1/sync?wait={(wait ? "true" : "false")}{(dataset is null ? string.Empty : "&dataset=" + Uri.EscapeDataString(dataset))}", null, ClusterJsonContext.Default.SyncTriggerResponse, cancellationToken, wait ? Timeout.InfiniteTimeSpan : null);

    private static StringContent Json<T>(T value, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    private async Task<AdminResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken, TimeSpan? overrideTimeout = null)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(overrideTimeout ?? timeout);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path)) { Content = content };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                // A refused change still carries its explanation.
                var error = $"HTTP {(int)response.StatusCode}: {FirstLine(body)}";
                T? explained = null;
                if (body.StartsWith('{'))
                {
                    try
                    {
                        explained = JsonSerializer.Deserialize(body, type);
                    }
                    catch (JsonException)
                    {
                    }
                }

                return new AdminResult<T>(explained, (int)response.StatusCode, error);
            }

            var value = JsonSerializer.Deserialize(body, type);
            return value is null
                ? new AdminResult<T>(null, (int)response.StatusCode, "empty answer")
                : new AdminResult<T>(value, (int)response.StatusCode, null);
        }
        catch (JsonException e)
        {
            return new AdminResult<T>(null, 200, $"unexpected answer: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new AdminResult<T>(null, 0, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AdminResult<T>(null, 0, $"no answer within {(overrideTimeout ?? timeout).TotalSeconds:0.#} s");
        }
    }

    private static string FirstLine(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }
}
